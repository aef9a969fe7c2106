import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { call, newWorkspace, withJson, type Auth } from './helpers';
import type { TestEnv } from './env';

const testEnv = env as unknown as TestEnv;

const KEY_FILE = {
  type: 'service_account',
  project_id: 'acme-prod',
  private_key_id: '0123456789abcdef0123456789abcdef01234567',
  private_key:
    '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n',
  client_email: 'billing-reader@acme-prod.iam.gserviceaccount.com',
  client_id: '123456789012345678901',
  token_uri: 'https://oauth2.googleapis.com/token',
};
const GOOGLE_SETTINGS = {
  billingAccountId: '01A2B3-C4D5E6-F7A8B9',
  bigQueryProject: 'acme-billing',
  bigQueryDataset: 'billing_export',
  bigQueryTable: 'gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9',
};

function connect(auth: Auth, body: Record<string, unknown>): Promise<Response> {
  return call('/api/v1/connections', withJson(body, auth));
}

async function storedSettings(connectionId: string): Promise<unknown> {
  const row = await testEnv.DB.prepare('SELECT settings FROM connections WHERE id = ?')
    .bind(connectionId)
    .first<{ settings: string | null }>();
  return row?.settings ? JSON.parse(row.settings) : null;
}

describe('POST /api/v1/connections (Google and ChatGPT Enterprise)', () => {
  it('stores a Google key file encrypted and its settings in the connection', async () => {
    const { token } = await newWorkspace();

    const response = await connect(
      { token },
      { provider: 'google', label: 'GCP', credential: KEY_FILE, settings: GOOGLE_SETTINGS },
    );

    expect(response.status).toBe(201);
    const text = await response.text();
    expect(text).not.toContain('PRIVATE KEY');
    const connection = JSON.parse(text) as { id: string; provider: string };
    expect(connection.provider).toBe('google');
    expect(await storedSettings(connection.id)).toEqual(GOOGLE_SETTINGS);
  });

  it('stores a ChatGPT analytics key with its workspace and credit price', async () => {
    const { token } = await newWorkspace();
    const settings = { workspaceId: 'ws_acme', creditPrice: '0.04', currency: 'USD' };

    const response = await connect(
      { token },
      { provider: 'chatgpt', label: 'Codex', credential: 'sk-chatgpt-sim-acme', settings },
    );

    expect(response.status).toBe(201);
    const connection = (await response.json()) as { id: string };
    expect(await storedSettings(connection.id)).toEqual(settings);
  });

  it.each([
    ['a Google key pasted as text', { credential: JSON.stringify(KEY_FILE) }, 'credential'],
    ['no settings', { settings: undefined }, 'settings'],
    [
      'a table name that could leave its quotes',
      { settings: { ...GOOGLE_SETTINGS, bigQueryTable: 'x` --' } },
      'settings.bigQueryTable',
    ],
    [
      'an unknown setting',
      { settings: { ...GOOGLE_SETTINGS, location: 'EU' } },
      'settings.location',
    ],
  ])('answers 400 naming the field for %s', async (_case, change, field) => {
    const { token } = await newWorkspace();
    const body = {
      provider: 'google',
      label: 'GCP',
      credential: KEY_FILE,
      settings: GOOGLE_SETTINGS,
      ...change,
    };

    const response = await connect({ token }, body);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ field });
  });
});
