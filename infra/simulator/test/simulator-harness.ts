import { afterAll, beforeAll } from 'vitest';
import { startSimulator, type RunningSimulator } from '../src/server';

/** Header sets for each provider, built from a simulator key. */
export const openAiAuth = (key: string): Record<string, string> => ({
  authorization: `Bearer ${key}`,
});

export const anthropicAuth = (key: string): Record<string, string> => ({
  'x-api-key': key,
  'anthropic-version': '2023-06-01',
});

/** A raw response: status, headers and the body text exactly as sent. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** Starts one simulator for the calling test file and stops it afterwards. */
export function useSimulator(): { url: () => string; get: Getter; call: Caller } {
  let simulator: RunningSimulator | undefined;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(async () => {
    await simulator?.close();
  });
  const url = (): string => {
    if (!simulator) throw new Error('simulator not started');
    return simulator.url;
  };
  const call: Caller = async (method, path, init = {}) => {
    const response = await fetch(`${url()}${path}`, { method, ...init });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  return { url, call, get: (path, headers = {}) => call('GET', path, { headers }) };
}

type Getter = (path: string, headers?: Record<string, string>) => Promise<RawResponse>;
type Caller = (
  method: string,
  path: string,
  init?: { headers?: Record<string, string>; body?: string },
) => Promise<RawResponse>;

/** Exact nano-dollars of a decimal dollar text, without a float in between. */
export function dollarTextToNanos(text: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,9}))?$/.exec(text);
  if (!match?.[1]) throw new Error(`not a plain decimal: ${text}`);
  return BigInt(match[1]) * 1_000_000_000n + BigInt((match[2] ?? '').padEnd(9, '0'));
}

/** Exact millionths of a cent of an Anthropic amount such as `"41280.500000"`. */
export function centTextToUnits(text: string): bigint {
  const match = /^(\d+)\.(\d{6})$/.exec(text);
  if (!match?.[1] || !match[2]) throw new Error(`not a six-decimal amount: ${text}`);
  return BigInt(match[1]) * 1_000_000n + BigInt(match[2]);
}

/** Unix seconds of 00:00 UTC on a `YYYY-MM-DD` day. */
export function unixDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}
