export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

/** A logger bound to a service and a request id; every line is one JSON object. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const REDACTED = '[redacted]';

// Field names whose value is a secret whatever it looks like.
const SECRET_FIELD =
  /^(credential|secret|token|password|authorization|cookie|set-cookie|x-api-key|apikey|api_key|plaintext|ciphertext|envelope|datakey|data_key|wrappedkey|kek|html|text|body)$/i;

// Values that look like a provider or Stax secret, wherever they appear.
const SECRET_VALUE =
  /\b(?:sk-(?:ant-)?admin[\w-]*|sk-[\w-]{16,}|key_[0-9a-f]{32,}|stax_[\w-]{20,}|gh[pousr]_\w{20,}|ya29\.[\w.-]+|re_\w{10,}|-----BEGIN [A-Z ]*PRIVATE KEY-----)/g;

/** Removes secret-looking fields and values from anything bound for a log line. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return value.replace(SECRET_VALUE, REDACTED);
  if (value instanceof Error)
    return { name: value.name, message: redact(value.message, depth + 1) };
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value && typeof value === 'object') {
    const clean: LogFields = {};
    for (const [key, item] of Object.entries(value)) {
      clean[key] = SECRET_FIELD.test(key) ? REDACTED : redact(item, depth + 1);
    }
    return clean;
  }
  return value;
}

/** Creates the logger of one service, optionally bound to fields such as `requestId`. */
export function createLogger(service: string, bound: LogFields = {}): Logger {
  const write = (level: LogLevel, msg: string, fields: LogFields = {}): void => {
    const line = JSON.stringify(
      redact({ level, msg, service, time: new Date().toISOString(), ...bound, ...fields }),
    );
    // The one place that writes to the console: everything else logs through here.
    if (level === 'error') console.error(line);
    else if (level === 'warn') console.warn(line);
    else console.log(line);
  };
  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    child: (fields) => createLogger(service, { ...bound, ...fields }),
  };
}
