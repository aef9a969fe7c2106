import { describe, expect, it } from 'vitest';
import { call } from './helpers';

// The SPA's files are served by Workers static assets before the Worker runs; what reaches
// the Worker is everything under run_worker_first. These check the Worker's side of that line.
describe('the gateway beside the dashboard', () => {
  it('no longer answers GET / itself: the SPA owns it', async () => {
    const response = await call('/');

    expect(response.status).toBe(404);
  });

  it('answers an unknown API path with problem+json, never the SPA', async () => {
    const response = await call('/api/v1/no-such-thing');

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});
