export const REQUEST_ID_HEADER = 'x-request-id';

/** A new request id: `req_` and 20 random hex characters. */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return `req_${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}
