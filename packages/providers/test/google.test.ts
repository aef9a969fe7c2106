import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import dailyPage from './fixtures/bigquery-daily-page.json?raw';
import {
  DAILY_COST_FIELDS,
  dailyCostQueryBody,
  GoogleSettingsSchema,
  GoogleTokenCache,
  googleAccessToken,
  isAllowedOutbound,
  mapDailyCostRows,
  readQueryPage,
  signGoogleAssertion,
  type GoogleServiceAccountKey,
  type ProviderAnswer,
  type ProviderClient,
} from '../src';

const NOW = new Date('2026-04-02T10:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const TOKEN_URL = 'https://oauth2.googleapis.com/token';

function pem(label: string, der: ArrayBuffer): string {
  const base64 = btoa(String.fromCharCode(...new Uint8Array(der)));
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

async function serviceAccount(): Promise<{ key: GoogleServiceAccountKey; publicPem: string }> {
  const pair = await crypto.subtle.generateKey(
    {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    },
    true,
    ['sign', 'verify'],
  );
  if (!('privateKey' in pair)) throw new Error('expected a key pair');
  const privateDer = await crypto.subtle.exportKey('pkcs8', pair.privateKey);
  const publicDer = await crypto.subtle.exportKey('spki', pair.publicKey);
  if (!(privateDer instanceof ArrayBuffer) || !(publicDer instanceof ArrayBuffer)) {
    throw new Error('expected DER bytes');
  }
  return {
    key: {
      type: 'service_account',
      client_email: 'billing-reader@acme-prod.iam.gserviceaccount.com',
      private_key_id: '0123456789abcdef0123456789abcdef01234567',
      private_key: pem('PRIVATE KEY', privateDer),
    },
    publicPem: pem('PUBLIC KEY', publicDer),
  };
}

function tokenEndpoint(answers: Array<() => Response>) {
  const forms: URLSearchParams[] = [];
  const client: ProviderClient = {
    get: () => Promise.reject(new Error('the token exchange only posts')),
    async post(path, body) {
      expect(path).toBe('/token');
      if (!('form' in body)) throw new Error('the token exchange posts a form');
      const form = new URLSearchParams();
      for (const [name, value] of body.form) form.append(name, value);
      forms.push(form);
      const response = answers[forms.length - 1]?.() ?? new Response('', { status: 500 });
      const answer: ProviderAnswer =
        response.status === 200
          ? { ok: true, value: await response.text() }
          : {
              ok: false,
              error: { code: 'bad_request', status: 400, message: 'x', retryable: false },
            };
      return answer;
    },
  };
  return { client, forms };
}

const TOKEN = () =>
  new Response('{"access_token":"ya29.test-token","expires_in":3599,"token_type":"Bearer"}');

describe('signGoogleAssertion', () => {
  it('signs RS256 with the key id, iss, aud, read-only scopes and a one-hour expiry', async () => {
    const { key, publicPem } = await serviceAccount();

    const jwt = await signGoogleAssertion(key, TOKEN_URL, NOW);

    expect(decodeProtectedHeader(jwt)).toEqual({
      alg: 'RS256',
      typ: 'JWT',
      kid: '0123456789abcdef0123456789abcdef01234567',
    });
    const verified = await jwtVerify(jwt, await importSPKI(publicPem, 'RS256'), {
      currentDate: NOW,
    });
    expect(verified.payload).toEqual({
      iss: 'billing-reader@acme-prod.iam.gserviceaccount.com',
      aud: TOKEN_URL,
      scope:
        'https://www.googleapis.com/auth/cloud-billing.readonly https://www.googleapis.com/auth/bigquery.readonly',
      iat: NOW_SECONDS,
      exp: NOW_SECONDS + 3600,
    });
  });
});

describe('googleAccessToken', () => {
  it('exchanges a jwt-bearer assertion once and serves the token from the cache', async () => {
    const { key } = await serviceAccount();
    const endpoint = tokenEndpoint([TOKEN, TOKEN]);
    const exchange = {
      client: endpoint.client,
      tokenUrl: TOKEN_URL,
      cache: new GoogleTokenCache(),
    };

    const first = await googleAccessToken(exchange, 'con_1', key, NOW);
    const second = await googleAccessToken(
      exchange,
      'con_1',
      key,
      new Date(NOW.getTime() + 60_000),
    );

    expect([first, second]).toEqual([
      { ok: true, value: 'ya29.test-token' },
      { ok: true, value: 'ya29.test-token' },
    ]);
    expect(endpoint.forms).toHaveLength(1);
    expect(endpoint.forms[0]?.get('grant_type')).toBe(
      'urn:ietf:params:oauth:grant-type:jwt-bearer',
    );
    expect(endpoint.forms[0]?.get('assertion')?.split('.')).toHaveLength(3);
  });

  it.each([
    ['54 minutes later: still fresh', 54 * 60, 1],
    ['five minutes before expiry: refreshed', 3599 - 300, 2],
    ['after expiry: refreshed', 3600, 2],
  ])('%s', async (_case, laterSeconds, exchanges) => {
    const { key } = await serviceAccount();
    const endpoint = tokenEndpoint([TOKEN, TOKEN]);
    const exchange = {
      client: endpoint.client,
      tokenUrl: TOKEN_URL,
      cache: new GoogleTokenCache(),
    };

    await googleAccessToken(exchange, 'con_1', key, NOW);
    await googleAccessToken(exchange, 'con_1', key, new Date(NOW.getTime() + laterSeconds * 1000));

    expect(endpoint.forms).toHaveLength(exchanges);
  });

  it('treats invalid_grant (400) as a refused key, not a bad request', async () => {
    const { key } = await serviceAccount();
    const endpoint = tokenEndpoint([
      () => new Response('{"error":"invalid_grant"}', { status: 400 }),
    ]);
    const exchange = {
      client: endpoint.client,
      tokenUrl: TOKEN_URL,
      cache: new GoogleTokenCache(),
    };

    expect(await googleAccessToken(exchange, 'con_1', key, NOW)).toEqual({
      ok: false,
      error: {
        code: 'unauthorized',
        status: 400,
        message: 'Google refused the key (400)',
        retryable: false,
      },
    });
  });

  it('fails on a token answer that is not a token', async () => {
    const { key } = await serviceAccount();
    const endpoint = tokenEndpoint([() => new Response('{"access_token":""}')]);
    const exchange = {
      client: endpoint.client,
      tokenUrl: TOKEN_URL,
      cache: new GoogleTokenCache(),
    };

    const answer = await googleAccessToken(exchange, 'con_1', key, NOW);
    expect(answer).toMatchObject({ ok: false, error: { code: 'unexpected_format' } });
  });
});

describe('BigQuery daily cost rows', () => {
  it('reads a results page in the real format and maps money net of credits, half to even', () => {
    const page = readQueryPage(dailyPage, DAILY_COST_FIELDS);
    if (!page.ok || !page.value.complete) throw new Error('expected a complete page');
    expect(page.value.pageToken).toBe('BEHAXW5RQYAQAAASA4EAAEEAQCAAKGQEBA');

    const records = mapDailyCostRows(page.value.rows);

    expect(records.ok && records.value.map((r) => [r.recordKey, r.billedCostMicros])).toEqual([
      ['cost|2026-03-30|Vertex AI|202603', 12_345_678],
      ['cost|2026-03-31|Vertex AI|202603', 0],
      ['cost|2026-03-31|Vertex AI|202604', 1_000_000],
      ['cost|2026-03-31|Gemini API|202603', -1_500_000],
    ]);
    expect(records.ok && records.value[2]).toEqual({
      recordKey: 'cost|2026-03-31|Vertex AI|202604',
      chargePeriodStart: '2026-03-31T00:00:00Z',
      chargePeriodEnd: '2026-04-01T00:00:00Z',
      chargeCategory: 'usage',
      billedCostMicros: 1_000_000,
      currency: 'USD',
      serviceName: 'Vertex AI',
      model: null,
      chargeDescription: 'Invoice month 2026-04, net of credits',
      projectId: null,
      apiKeyId: null,
      consumedQuantity: null,
      consumedUnit: null,
      source: 'reported',
    });
  });

  it('reads a job that is still running as incomplete', () => {
    const running =
      '{"jobReference":{"projectId":"p","jobId":"job_1","location":"EU"},"jobComplete":false}';
    expect(readQueryPage(running, DAILY_COST_FIELDS)).toEqual({
      ok: true,
      value: { complete: false, job: { projectId: 'p', jobId: 'job_1', location: 'EU' } },
    });
  });

  it.each([
    ['a renamed column', dailyPage.replace('"net_cost"', '"cost"')],
    ['a money cell that is a float in exponent form', dailyPage.replace('"12.3456785"', '"1.2e1"')],
    ['a missing jobReference', dailyPage.replace('"jobReference"', '"job"')],
  ])('refuses %s, writing nothing', (_case, body) => {
    const page = readQueryPage(body, DAILY_COST_FIELDS);
    const mapped = page.ok && page.value.complete ? mapDailyCostRows(page.value.rows) : page;
    expect(mapped).toMatchObject({ ok: false, error: { code: 'unexpected_format' } });
  });
});

describe('the daily query', () => {
  it('binds the window and services as parameters and quotes the checked table name', () => {
    const settings = GoogleSettingsSchema.parse({
      billingAccountId: '01A2B3-C4D5E6-F7A8B9',
      bigQueryProject: 'acme-billing',
      bigQueryDataset: 'billing_export',
      bigQueryTable: 'gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9',
    });

    const body = JSON.parse(dailyCostQueryBody(settings, { from: '2026-03-01', to: '2026-03-08' }));

    expect(body.query).toContain(
      'FROM `acme-billing.billing_export.gcp_billing_export_v1_01A2B3_C4D5E6_F7A8B9`',
    );
    expect(body).toMatchObject({ useLegacySql: false, parameterMode: 'NAMED' });
    expect(body.queryParameters.map((parameter: { name: string }) => parameter.name)).toEqual([
      'window_start',
      'window_end',
      'services',
    ]);
  });

  it.each([
    ['bigQueryTable', 'export` WHERE 1=1 --'],
    ['bigQueryDataset', 'a.b'],
    ['bigQueryProject', 'Acme'],
    ['billingAccountId', '01a2b3-c4d5e6-f7a8b9'],
  ])('refuses a %s of %j', (field, value) => {
    const settings = {
      billingAccountId: '01A2B3-C4D5E6-F7A8B9',
      bigQueryProject: 'acme-billing',
      bigQueryDataset: 'billing_export',
      bigQueryTable: 'gcp_billing_export_v1_x',
      [field]: value,
    };
    expect(GoogleSettingsSchema.safeParse(settings).success).toBe(false);
  });
});

describe('isAllowedOutbound (Google, ChatGPT)', () => {
  it.each([
    ['google', 'POST', '/token', true],
    ['google', 'GET', '/token', false],
    ['google', 'GET', '/v1/billingAccounts/01A2B3-C4D5E6-F7A8B9', true],
    ['google', 'GET', '/v1/billingAccounts/01A2B3-C4D5E6-F7A8B9/projects', false],
    ['google', 'PUT', '/v1/billingAccounts/01A2B3-C4D5E6-F7A8B9', false],
    ['google', 'POST', '/bigquery/v2/projects/acme/queries', true],
    ['google', 'GET', '/bigquery/v2/projects/acme/queries/job_1', true],
    ['google', 'POST', '/bigquery/v2/projects/acme/jobs', false],
    ['google', 'GET', '/bigquery/v2/projects/acme%2Fother/queries/job_1', false],
    ['google', 'DELETE', '/bigquery/v2/projects/acme/queries/job_1', false],
    ['chatgpt', 'GET', '/v1/analytics/codex/workspaces/ws_1/usage', true],
    ['chatgpt', 'GET', '/v1/compliance/workspaces/ws_1/conversations', false],
    ['chatgpt', 'POST', '/v1/analytics/codex/workspaces/ws_1/usage', false],
  ] as const)('%s %s %s: %s', (provider, method, path, allowed) => {
    expect(isAllowedOutbound(provider, method, path)).toBe(allowed);
  });
});
