import type { ProviderRequest } from './adapter';
import type { ProviderAnswer, ProviderClient } from './client';

/** Sends an adapter's request with the client: a GET with its query, or a POST with its JSON. */
export function sendRequest(
  client: ProviderClient,
  request: ProviderRequest,
  headers: Record<string, string>,
): Promise<ProviderAnswer> {
  if (request.method === 'POST') {
    return client.post(request.path, { json: JSON.stringify(request.body ?? {}) }, headers);
  }
  return client.get(request.path, request.query, headers);
}
