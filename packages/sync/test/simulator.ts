import { inject } from 'vitest';

// What a fetcher's vitest global setup provides: the URL of the simulator it started.
declare module 'vitest' {
  export interface ProvidedContext {
    simulatorUrl: string;
  }
}

/** The simulator a vitest global setup started and provided as `simulatorUrl`. */
export function simulatorUrl(): string {
  return inject('simulatorUrl');
}

/** One provider call as the simulator logged it (with the key's fingerprint, never the key). */
export interface SimulatorRequest {
  method: string;
  path: string;
  query: string;
  status: number;
  keyFingerprint: string | null;
}

// The simulator names a key by the first 12 hex characters of its SHA-256.
async function fingerprint(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0'));
  return hex.join('').slice(0, 12);
}

/** The provider calls the simulator answered for one key, oldest first. */
export async function callsWithKey(key: string): Promise<SimulatorRequest[]> {
  const response = await fetch(`${simulatorUrl()}/_sim/requests`);
  const requests: SimulatorRequest[] = await response.json();
  const wanted = await fingerprint(key);
  return requests.filter((request) => request.keyFingerprint === wanted);
}

/** Divides and rounds half to even, as Stax must round a provider's finer amounts. */
export function divideHalfEven(dividend: bigint, divisor: bigint): bigint {
  const quotient = dividend / divisor;
  const twiceRemainder = (dividend % divisor) * 2n;
  if (twiceRemainder > divisor) return quotient + 1n;
  if (twiceRemainder < divisor) return quotient;
  return quotient % 2n === 0n ? quotient : quotient + 1n;
}

/** Every UTC day from `from` up to, not including, `to`. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = new Date(`${from}T00:00:00Z`); day < new Date(`${to}T00:00:00Z`);) {
    days.push(day.toISOString().slice(0, 10));
    day = new Date(day.getTime() + 86_400_000);
  }
  return days;
}
