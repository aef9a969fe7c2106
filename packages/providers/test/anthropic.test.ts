import { describe, expect, it } from 'vitest';
import { anthropicAdapter, credentialFormatSchema } from '../src';
import costReport from './fixtures/anthropic-cost-report.json?raw';
import usageFlatCache from './fixtures/anthropic-usage-flat-cache.json?raw';
import usageMessages from './fixtures/anthropic-usage-messages.json?raw';

const window = { from: '2026-01-01', to: '2026-04-01' };

describe('anthropicAdapter.costs.request', () => {
  it('asks for the daily cost report by workspace and description, 31 buckets a page', () => {
    expect(anthropicAdapter.costs.request(window, null)).toEqual({
      path: '/v1/organizations/cost_report',
      query: [
        ['starting_at', '2026-01-01T00:00:00Z'],
        ['ending_at', '2026-04-01T00:00:00Z'],
        ['bucket_width', '1d'],
        ['group_by[]', 'workspace_id'],
        ['group_by[]', 'description'],
        ['limit', '31'],
      ],
    });
  });
});

describe('anthropicAdapter.usage.request', () => {
  it('asks for daily messages usage by model and workspace, with the cursor', () => {
    expect(anthropicAdapter.usage.request(window, 'page_2')).toEqual({
      path: '/v1/organizations/usage_report/messages',
      query: [
        ['starting_at', '2026-01-01T00:00:00Z'],
        ['ending_at', '2026-04-01T00:00:00Z'],
        ['bucket_width', '1d'],
        ['group_by[]', 'model'],
        ['group_by[]', 'workspace_id'],
        ['limit', '31'],
        ['page', 'page_2'],
      ],
    });
  });
});

function anthropicCost(fields: {
  day: string;
  next: string;
  micros: number;
  workspace: string | null;
  description: string;
  model: string | null;
}) {
  return {
    recordKey: `cost|${fields.day}|${fields.workspace ?? '-'}|${fields.description}`,
    chargePeriodStart: `${fields.day}T00:00:00Z`,
    chargePeriodEnd: `${fields.next}T00:00:00Z`,
    chargeCategory: 'usage',
    billedCostMicros: fields.micros,
    currency: 'USD',
    serviceName: 'Anthropic API',
    model: fields.model,
    chargeDescription: fields.description,
    projectId: fields.workspace,
    apiKeyId: null,
    consumedQuantity: null,
    consumedUnit: null,
    source: 'reported',
  };
}

describe('anthropicAdapter.costs.readPage', () => {
  it('reads amounts as cents and maps each result to an exact cost record', () => {
    const day1 = { day: '2026-01-01', next: '2026-01-02' };
    const day2 = { day: '2026-01-02', next: '2026-01-03' };
    const workspace = 'wrkspc_01Example';
    expect(anthropicAdapter.costs.readPage(costReport)).toEqual({
      ok: true,
      value: {
        skipped: 0,
        nextPage: 'page_MjAyNi0wMS0wMw==',
        records: [
          anthropicCost({
            ...day1,
            micros: 412_805_000,
            workspace,
            description: 'Claude Sonnet 4.6 Usage - Input Tokens',
            model: 'claude-sonnet-4-6',
          }),
          anthropicCost({
            ...day1,
            micros: 3_500_000,
            workspace: null,
            description: 'Web Search',
            model: null,
          }),
          anthropicCost({
            ...day2,
            micros: 74_200,
            workspace,
            description: 'Claude Opus 9 Usage - Output Tokens',
            model: 'claude-opus-9',
          }),
          anthropicCost({
            ...day2,
            micros: 0,
            workspace,
            description: 'Code Execution Usage',
            model: null,
          }),
        ],
      },
    });
  });

  it.each([
    ['an amount as a word', '{"currency":"USD","amount":"lots"}'],
    ['an amount missing', '{"currency":"USD","amount_cents":"1.0"}'],
    ['a currency that is not a code', '{"currency":"dollars","amount":"1.0"}'],
    ['an amount beyond a safe integer of micros', '{"currency":"USD","amount":"1e20"}'],
  ])('fails on %s', (_case, result) => {
    const body =
      '{"data":[{"starting_at":"2026-01-01T00:00:00Z","ending_at":"2026-01-02T00:00:00Z",' +
      `"results":[${result}]}],"has_more":false,"next_page":null}`;
    expect(anthropicAdapter.costs.readPage(body)).toMatchObject({
      ok: false,
      error: { code: 'unexpected_format' },
    });
  });
});

describe('anthropicAdapter.usage.readPage', () => {
  it('counts every input token and reads cache writes from the nested cache_creation', () => {
    expect(anthropicAdapter.usage.readPage(usageMessages)).toEqual({
      ok: true,
      value: {
        skipped: 0,
        nextPage: null,
        records: [
          {
            recordKey: 'usage|2026-01-01|claude-sonnet-4-6|wrkspc_01Example',
            chargePeriodStart: '2026-01-01T00:00:00Z',
            chargePeriodEnd: '2026-01-02T00:00:00Z',
            model: 'claude-sonnet-4-6',
            projectId: 'wrkspc_01Example',
            apiKeyId: null,
            inputTokens: 1_124_500,
            cachedInputTokens: 930_000,
            cacheWriteTokens: 42_500,
            outputTokens: 61_000,
            requests: null,
          },
          {
            recordKey: 'usage|2026-01-01|claude-haiku-7-unreleased|-',
            chargePeriodStart: '2026-01-01T00:00:00Z',
            chargePeriodEnd: '2026-01-02T00:00:00Z',
            model: 'claude-haiku-7-unreleased',
            projectId: null,
            apiKeyId: null,
            inputTokens: 10,
            cachedInputTokens: 0,
            cacheWriteTokens: 0,
            outputTokens: 5,
            requests: null,
          },
        ],
      },
    });
  });

  it('fails on a flat cache_creation_input_tokens instead of the nested object', () => {
    expect(anthropicAdapter.usage.readPage(usageFlatCache)).toEqual({
      ok: false,
      error: {
        code: 'unexpected_format',
        message:
          'data.0.results.0.cache_creation: Invalid input: expected object, received undefined',
        retryable: false,
      },
    });
  });
});

describe('anthropicAdapter.checkRequest', () => {
  it('reads one bucket of the cost report from yesterday', () => {
    expect(anthropicAdapter.checkRequest(new Date('2026-03-01T23:59:59Z'))).toEqual({
      path: '/v1/organizations/cost_report',
      query: [
        ['starting_at', '2026-02-28T00:00:00Z'],
        ['limit', '1'],
      ],
    });
  });
});

describe('anthropicAdapter.authHeaders', () => {
  it('sends the key, the API version and a descriptive user agent', () => {
    expect(anthropicAdapter.authHeaders('sk-ant-admin01-abcdefgh')).toEqual({
      'x-api-key': 'sk-ant-admin01-abcdefgh',
      'anthropic-version': '2023-06-01',
      'user-agent': 'Stax/0.1 (+billing sync)',
    });
  });
});

describe('credentialFormatSchema("anthropic")', () => {
  it.each([
    ['sk-ant-admin01-abcdefgh', true],
    ['sk-ant-admin01-sim-acme', true],
    ['sk-ant-admin01-abc', false],
    ['sk-ant-api03-abcdefghijkl', false],
    ['sk-admin-abcdefgh', false],
    ['sk-ant-admin01-abcdefgh\u0000', false],
  ])('accepts %j: %s', (credential, accepted) => {
    expect(credentialFormatSchema('anthropic').safeParse(credential).success).toBe(accepted);
  });
});
