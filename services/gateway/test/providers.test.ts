import { describe, expect, it } from 'vitest';
import { PROVIDER_MATRIX } from '@stax/providers';
import { call } from './helpers';

describe('GET /api/v1/providers', () => {
  it('answers the scope matrix of all eight providers without sign-in', async () => {
    const response = await call('/api/v1/providers');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { providers: Array<Record<string, unknown>> };
    expect(body).toEqual({ providers: JSON.parse(JSON.stringify(PROVIDER_MATRIX)) });
    expect(body.providers.map((provider) => provider.id)).toEqual([
      'openai',
      'anthropic',
      'cursor',
      'github',
      'chatgpt',
      'perplexity',
      'google',
      'mistral',
    ]);
  });

  it('says the OpenAI and Anthropic admin keys are not read-only', async () => {
    const body = (await (await call('/api/v1/providers')).json()) as {
      providers: Array<{ id: string; readOnly: boolean | null; kinds: string[] }>;
    };
    const byId = Object.fromEntries(body.providers.map((provider) => [provider.id, provider]));
    expect(byId.openai?.readOnly).toBe(false);
    expect(byId.anthropic?.readOnly).toBe(false);
    expect(byId.mistral).toMatchObject({ readOnly: null, kinds: ['import', 'subscription'] });
  });
});
