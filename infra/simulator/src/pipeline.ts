import type { IncomingHttpHeaders } from 'node:http';
import { FaultInjector } from './faults';
import { keyFingerprint, SLOW_MODE_DELAY_MS, type KeyMode } from './keys';
import { Outbox } from './outbox';
import type { FailureKind, ProviderDialect, SimResponse } from './provider';
import { RequestLog } from './request-log';

/** Everything one simulator instance remembers; two instances never share state. */
export interface SimulatorState {
  readonly outbox: Outbox;
  readonly requests: RequestLog;
  readonly faults: FaultInjector;
  readonly rateLimitedOnce: Set<string>;
}

/** Fresh, empty state for a new server. */
export function createSimulatorState(): SimulatorState {
  return {
    outbox: new Outbox(),
    requests: new RequestLog(),
    faults: new FaultInjector(),
    rateLimitedOnce: new Set(),
  };
}

/** A request as it came off the socket, before any provider looked at it. */
export interface IncomingRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly rawQuery: string;
  readonly headers: IncomingHttpHeaders;
  readBody(): Promise<string | null>;
}

/** The response and how long to hold it back. */
export interface Answer {
  readonly response: SimResponse;
  readonly delayMs: number;
}

function keyModeFailure(
  mode: KeyMode | null,
  requestKey: string,
  rateLimitedOnce: Set<string>,
): FailureKind | null {
  if (mode === 'unauthorized') return 'unauthenticated';
  if (mode === 'forbidden') return 'forbidden';
  if (mode === 'error500') return 'server_error';
  if (mode !== 'ratelimited' || rateLimitedOnce.has(requestKey)) return null;
  rateLimitedOnce.add(requestKey);
  return 'rate_limited';
}

async function answer(
  dialect: ProviderDialect,
  incoming: IncomingRequest,
  fingerprint: string | null,
  state: SimulatorState,
): Promise<Answer> {
  const auth = dialect.authenticate(incoming.headers);
  if (!auth.ok) return { response: auth.response, delayMs: 0 };
  const { caller } = auth;
  const modeDelayMs = caller.mode === 'slow' ? SLOW_MODE_DELAY_MS : 0;
  const requestKey = `${fingerprint ?? ''} ${incoming.path}?${incoming.rawQuery}`;
  const modeFailure = keyModeFailure(caller.mode, requestKey, state.rateLimitedOnce);
  if (modeFailure) return { response: dialect.failure(modeFailure), delayMs: modeDelayMs };

  const fault = state.faults.draw();
  const delayMs = modeDelayMs + fault.delayMs;
  if (fault.failure) return { response: dialect.failure(fault.failure), delayMs };

  const request = { ...incoming, caller, credentialFingerprint: fingerprint };
  return { response: await dialect.handle(request), delayMs };
}

/**
 * Runs one provider request: authenticate, apply the key's mode and the global faults, route,
 * and log it with the key's fingerprint (never the key).
 */
export async function serveProvider(
  dialect: ProviderDialect,
  incoming: IncomingRequest,
  state: SimulatorState,
): Promise<Answer> {
  const at = new Date().toISOString();
  const credential = dialect.credential(incoming.headers);
  const fingerprint = credential === null ? null : keyFingerprint(credential);

  const outcome = await answer(dialect, incoming, fingerprint, state);

  const { method, path, rawQuery } = incoming;
  const status = outcome.response.status;
  state.requests.record({ at, method, path, query: rawQuery, status, keyFingerprint: fingerprint });
  return outcome;
}
