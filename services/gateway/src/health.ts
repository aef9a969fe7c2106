import type { AppContext } from './app-context';
import { json } from './http/respond';

/** GET /api/v1/health: 200 once the database answers. */
export async function health(_request: Request, app: AppContext): Promise<Response> {
  await app.env.DB.prepare('SELECT 1').first();
  return json({ status: 'ok' });
}
