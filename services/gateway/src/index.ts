import { createStaxDb } from '@stax/db';
import { ApiError, newRequestId, problemResponse } from '@stax/http';
import { createLogger } from '@stax/log';
import type { AppContext } from './app-context';
import type { Env } from './env';
import { finishResponse } from './http/respond';
import { router } from './router';

const baseLog = createLogger('gateway');

const notFound = () => new ApiError('not_found', { title: 'Nothing is here.' });

export default {
  async fetch(request, env, exec): Promise<Response> {
    const requestId = newRequestId();
    const app: AppContext = {
      env,
      exec,
      requestId,
      log: baseLog.child({ requestId }),
      db: createStaxDb(env.DB),
      now: () => new Date(),
    };
    const response = await handle(request, app);
    return finishResponse(response, requestId);
  },
} satisfies ExportedHandler<Env>;

async function handle(request: Request, app: AppContext): Promise<Response> {
  const path = new URL(request.url).pathname;
  try {
    const response: Response | undefined = await router.fetch(request, app);
    const answered = response ?? problemResponse(notFound(), app.requestId);
    app.log.info('request', { method: request.method, path, status: answered.status });
    return answered;
  } catch (error) {
    if (error instanceof ApiError) {
      app.log.info('request refused', { method: request.method, path, code: error.code });
      return problemResponse(error, app.requestId);
    }
    app.log.error('request failed', { method: request.method, path, error });
    const internal = new ApiError('internal', {
      title: 'Something went wrong on our side. Quote the request id if you write to us.',
    });
    return problemResponse(internal, app.requestId);
  }
}
