const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * A JSON number given as its exact text. Money goes through this so that `12.345678901` reaches
 * the wire digit for digit instead of through a binary float.
 */
export class JsonNumberText {
  readonly text: string;

  constructor(text: string) {
    if (!JSON_NUMBER.test(text)) throw new Error(`not a JSON number: ${text}`);
    this.text = text;
  }
}

/** A value the simulator can write as JSON. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonNumberText
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** Serializes like JSON.stringify, except that JsonNumberText is written verbatim. */
export function toJsonText(value: JsonValue): string {
  if (value instanceof JsonNumberText) return value.text;
  if (isJsonArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') return objectText(value);
  return JSON.stringify(value);
}

// Array.isArray does not narrow a readonly array type, hence the guard.
function isJsonArray(value: JsonValue): value is readonly JsonValue[] {
  return Array.isArray(value);
}

function objectText(value: { readonly [key: string]: JsonValue }): string {
  const members = Object.entries(value).map(
    ([key, member]) => `${JSON.stringify(key)}:${toJsonText(member)}`,
  );
  return `{${members.join(',')}}`;
}
