import { createSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useSimulator } from './simulator-harness';

const sim = useSimulator();
const SCOPES =
  'https://www.googleapis.com/auth/cloud-billing.readonly https://www.googleapis.com/auth/bigquery.readonly';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function segment(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function keyFile(org: string): Promise<Record<string, string>> {
  return JSON.parse((await sim.get(`/_sim/google/service-account?org=${org}`)).text);
}

function assertion(key: Record<string, string>, claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const header = segment({ alg: 'RS256', typ: 'JWT', kid: key.private_key_id });
  const body = segment({
    iss: key.client_email,
    aud: `${sim.url()}/token`,
    scope: SCOPES,
    iat: now,
    exp: now + 3600,
    ...claims,
  });
  const signature = createSign('RSA-SHA256')
    .update(`${header}.${body}`)
    .sign(key.private_key ?? '', 'base64url');
  return `${header}.${body}.${signature}`;
}

function exchange(jwt: string) {
  const body = new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    assertion: jwt,
  }).toString();
  return sim.call('POST', '/token', { headers: FORM, body });
}

describe('the simulated Google token endpoint', () => {
  it("hands out a key file in Google's format and exchanges a signed assertion", async () => {
    const key = await keyFile('tokens');
    expect(Object.keys(key)).toEqual([
      'type',
      'project_id',
      'private_key_id',
      'private_key',
      'client_email',
      'client_id',
      'auth_uri',
      'token_uri',
      'universe_domain',
    ]);

    const answer = await exchange(assertion(key));

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ expires_in: 3599, token_type: 'Bearer' });
  });

  it.each([
    ["another key's signature", 'other', {}, 'Invalid JWT Signature.'],
    [
      'a missing scope',
      'tokens',
      { scope: 'https://www.googleapis.com/auth/cloud-platform' },
      'Invalid JWT: scope.',
    ],
    [
      'a two-hour lifetime',
      'tokens',
      { exp: Math.floor(Date.now() / 1000) + 7200 },
      'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.',
    ],
    [
      'another issuer',
      'tokens',
      { iss: 'someone@else.iam.gserviceaccount.com' },
      "Invalid JWT: iss is not the key's client_email.",
    ],
  ])('answers 400 invalid_grant for %s', async (_case, signer, claims, description) => {
    const key = await keyFile('tokens');
    const jwt = assertion(key, claims);
    const forged =
      signer === 'tokens'
        ? jwt
        : `${jwt.split('.').slice(0, 2).join('.')}.${assertion(await keyFile(signer)).split('.')[2]}`;

    const answer = await exchange(forged);

    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({
      error: 'invalid_grant',
      error_description: description,
    });
  });

  it("refuses a data call without a token it issued, in Google's error shape", async () => {
    const answer = await sim.get('/v1/billingAccounts/01A2B3-C4D5E6-F7A8B9', {
      authorization: 'Bearer ya29.made-up',
    });

    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text)).toEqual({
      error: {
        code: 401,
        message: 'Request had invalid authentication credentials.',
        status: 'UNAUTHENTICATED',
        errors: [],
      },
    });
  });
});
