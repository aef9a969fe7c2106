import { PROVIDER_MATRIX } from '@stax/providers';
import { json } from '../http/respond';

/** GET /api/v1/providers: the scope matrix, for anyone (it holds nothing of a workspace). */
export function listProviders(): Response {
  return json({ providers: PROVIDER_MATRIX }, 200, { 'cache-control': 'public, max-age=300' });
}
