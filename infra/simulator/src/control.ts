import { NO_FAULTS, parseFaultSettings } from './faults';
import { toJsonText, type JsonValue } from './json-text';
import type { StoredEmail } from './outbox';
import type { IncomingRequest, SimulatorState } from './pipeline';
import { jsonResponse, type SimResponse } from './provider';

/** Paths under this prefix steer the simulator; they are neither logged nor faulted. */
export const CONTROL_PREFIX = '/_sim/';

function json(status: number, body: JsonValue): SimResponse {
  return jsonResponse(status, toJsonText(body));
}

function controlError(status: number, message: string): SimResponse {
  return json(status, { error: message });
}

function emailView(email: StoredEmail): JsonValue {
  return { ...email, to: [...email.to], replyTo: email.replyTo ? [...email.replyTo] : null };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function configureFaults(
  incoming: IncomingRequest,
  state: SimulatorState,
): Promise<SimResponse> {
  const text = await incoming.readBody();
  if (text === null) return controlError(413, 'body too large');
  const settings = parseFaultSettings(parseJson(text));
  if (!settings.ok) return controlError(400, settings.message);

  state.faults.configure(settings.value);
  return json(200, { ...settings.value });
}

type ControlRoute = (
  incoming: IncomingRequest,
  state: SimulatorState,
) => SimResponse | Promise<SimResponse>;

const ROUTES: Readonly<Record<string, ControlRoute>> = {
  'GET /_sim/health': () => json(200, { ok: true }),
  'GET /_sim/emails': ({ query }, state) =>
    json(200, state.outbox.list(query.get('to')).map(emailView)),
  'DELETE /_sim/emails': (_, state) => json(200, { deleted: state.outbox.clear() }),
  'GET /_sim/requests': (_, state) =>
    json(
      200,
      state.requests.list().map((entry) => ({ ...entry })),
    ),
  'DELETE /_sim/requests': (_, state) => json(200, { deleted: state.requests.clear() }),
  'GET /_sim/faults': (_, state) => json(200, { ...state.faults.settings }),
  'POST /_sim/faults': configureFaults,
  'DELETE /_sim/faults': (_, state) => {
    state.faults.configure(NO_FAULTS);
    return json(200, { ...NO_FAULTS });
  },
};

/** Answers a control request (`/_sim/...`). */
export async function serveControl(
  incoming: IncomingRequest,
  state: SimulatorState,
): Promise<SimResponse> {
  const route = ROUTES[`${incoming.method} ${incoming.path}`];
  return route
    ? route(incoming, state)
    : controlError(404, `no control route ${incoming.method} ${incoming.path}`);
}
