import { describe, expect, it } from 'vitest';
import { credentialFormatSchema, modelOfLineItem, openAiAdapter } from '../src';
import amountAsText from './fixtures/openai-costs-amount-as-text.json?raw';
import costsPage1 from './fixtures/openai-costs-page-1.json?raw';
import costsPage2 from './fixtures/openai-costs-page-2.json?raw';
import usagePage from './fixtures/openai-usage-completions.json?raw';

const window = { from: '2026-01-01', to: '2026-04-01' };

describe('openAiAdapter.costs.request', () => {
  it('asks for daily costs by line item and project, 31 buckets a page', () => {
    expect(openAiAdapter.costs.request(window, null)).toEqual({
      path: '/v1/organization/costs',
      query: [
        ['start_time', '1767225600'],
        ['end_time', '1775001600'],
        ['bucket_width', '1d'],
        ['group_by', 'line_item'],
        ['group_by', 'project_id'],
        ['limit', '31'],
      ],
    });
  });

  it('passes the cursor back as page', () => {
    expect(openAiAdapter.costs.request(window, 'page_abc').query.slice(-2)).toEqual([
      ['limit', '31'],
      ['page', 'page_abc'],
    ]);
  });
});

describe('openAiAdapter.usage.request', () => {
  it('asks for daily completions usage by model and project', () => {
    expect(openAiAdapter.usage.request(window, 'page_x')).toEqual({
      path: '/v1/organization/usage/completions',
      query: [
        ['start_time', '1767225600'],
        ['end_time', '1775001600'],
        ['bucket_width', '1d'],
        ['group_by', 'model'],
        ['group_by', 'project_id'],
        ['limit', '31'],
        ['page', 'page_x'],
      ],
    });
  });
});

describe('openAiAdapter.costs.readPage', () => {
  it('maps a page to exact cost records and counts the result without an amount', () => {
    expect(openAiAdapter.costs.readPage(costsPage1)).toEqual({
      ok: true,
      value: {
        skipped: 1,
        nextPage: 'page_AAAAExampleCursor==',
        records: [
          {
            recordKey: 'cost|2026-01-01|proj_Example123|gpt-5-mini, input',
            chargePeriodStart: '2026-01-01T00:00:00Z',
            chargePeriodEnd: '2026-01-02T00:00:00Z',
            chargeCategory: 'usage',
            billedCostMicros: 12_345_678,
            currency: 'USD',
            serviceName: 'OpenAI API',
            model: 'gpt-5-mini',
            chargeDescription: 'gpt-5-mini, input',
            projectId: 'proj_Example123',
            apiKeyId: null,
            consumedQuantity: 49_382_716,
            consumedUnit: 'tokens',
            source: 'reported',
          },
          {
            recordKey: 'cost|2026-01-01|proj_Example123|gpt-5-mini, cached input',
            chargePeriodStart: '2026-01-01T00:00:00Z',
            chargePeriodEnd: '2026-01-02T00:00:00Z',
            chargeCategory: 'usage',
            billedCostMicros: 0,
            currency: 'USD',
            serviceName: 'OpenAI API',
            model: 'gpt-5-mini',
            chargeDescription: 'gpt-5-mini, cached input',
            projectId: 'proj_Example123',
            apiKeyId: null,
            consumedQuantity: 1,
            consumedUnit: 'tokens',
            source: 'reported',
          },
          {
            recordKey: 'cost|2026-01-02|-|o9-preview-2027-02-30, cached input',
            chargePeriodStart: '2026-01-02T00:00:00Z',
            chargePeriodEnd: '2026-01-03T00:00:00Z',
            chargeCategory: 'usage',
            billedCostMicros: 0,
            currency: 'USD',
            serviceName: 'OpenAI API',
            model: 'o9-preview-2027-02-30',
            chargeDescription: 'o9-preview-2027-02-30, cached input',
            projectId: null,
            apiKeyId: 'key_Example456',
            consumedQuantity: 2.5,
            consumedUnit: '1000_tokens',
            source: 'reported',
          },
        ],
      },
    });
  });

  it('reads a last page with no cursor and an amount written with trailing zeros', () => {
    // A formatter would shorten the number to 41280.5: the fixture must stay as written.
    expect(costsPage2).toContain('"value": 41280.500000,');
    expect(openAiAdapter.costs.readPage(costsPage2)).toEqual({
      ok: true,
      value: {
        skipped: 0,
        nextPage: null,
        records: [
          {
            recordKey: 'cost|2026-01-03|proj_Example123|Web search tool calls',
            chargePeriodStart: '2026-01-03T00:00:00Z',
            chargePeriodEnd: '2026-01-04T00:00:00Z',
            chargeCategory: 'usage',
            billedCostMicros: 41_280_500_000,
            currency: 'USD',
            serviceName: 'OpenAI API',
            model: 'Web search tool calls',
            chargeDescription: 'Web search tool calls',
            projectId: 'proj_Example123',
            apiKeyId: null,
            consumedQuantity: null,
            consumedUnit: null,
            source: 'reported',
          },
        ],
      },
    });
  });

  it('fails on an amount that is not a number', () => {
    expect(openAiAdapter.costs.readPage(amountAsText)).toMatchObject({
      ok: false,
      error: { code: 'unexpected_format', retryable: false },
    });
  });

  it.each([
    ['text that is not JSON', '<html>Bad gateway</html>'],
    ['a page without data', '{"object":"page","has_more":false,"next_page":null}'],
    ['has_more without a cursor', '{"data":[],"has_more":true,"next_page":null}'],
    [
      'a bucket time written as text',
      '{"data":[{"start_time":"2026-01-01","end_time":1,"results":[]}],"has_more":false}',
    ],
    [
      'an amount beyond a safe integer of micros',
      '{"data":[{"start_time":0,"end_time":86400,"results":[{"amount":{"value":1e30}}]}],' +
        '"has_more":false}',
    ],
  ])('fails on %s', (_case, body) => {
    const page = openAiAdapter.costs.readPage(body);
    expect(page.ok).toBe(false);
  });
});

describe('openAiAdapter.usage.readPage', () => {
  it('maps usage exactly, defaults missing cache counts to 0 and keeps an unknown model', () => {
    expect(openAiAdapter.usage.readPage(usagePage)).toEqual({
      ok: true,
      value: {
        skipped: 0,
        nextPage: null,
        records: [
          {
            recordKey: 'usage|2026-01-01|gpt-5-mini-2026-01-01|proj_Example123',
            chargePeriodStart: '2026-01-01T00:00:00Z',
            chargePeriodEnd: '2026-01-02T00:00:00Z',
            model: 'gpt-5-mini-2026-01-01',
            projectId: 'proj_Example123',
            apiKeyId: null,
            inputTokens: 120_000,
            cachedInputTokens: 80_000,
            cacheWriteTokens: 2000,
            outputTokens: 9000,
            requests: 57,
          },
          {
            recordKey: 'usage|2026-01-01|gpt-7-turbo-from-the-future|-',
            chargePeriodStart: '2026-01-01T00:00:00Z',
            chargePeriodEnd: '2026-01-02T00:00:00Z',
            model: 'gpt-7-turbo-from-the-future',
            projectId: null,
            apiKeyId: null,
            inputTokens: Number.MAX_SAFE_INTEGER,
            cachedInputTokens: 0,
            cacheWriteTokens: 0,
            outputTokens: 3,
            requests: 1,
          },
        ],
      },
    });
  });

  it('fails on a token count beyond a safe integer', () => {
    const body =
      '{"data":[{"start_time":0,"end_time":86400,"results":[{"model":"m",' +
      '"input_tokens":9007199254740993,"output_tokens":0,"num_model_requests":0}]}],' +
      '"has_more":false}';
    expect(openAiAdapter.usage.readPage(body)).toMatchObject({
      ok: false,
      error: { code: 'unexpected_format' },
    });
  });
});

describe('modelOfLineItem', () => {
  it.each([
    ['gpt-5-mini, cached input', 'gpt-5-mini'],
    ['gpt-5, input, batch', 'gpt-5, input'],
    ['Web search tool calls', 'Web search tool calls'],
  ])('reads %j as the model %j', (lineItem, model) => {
    expect(modelOfLineItem(lineItem)).toBe(model);
  });
});

describe('openAiAdapter.checkRequest', () => {
  it('reads one bucket of costs from yesterday midnight UTC', () => {
    expect(openAiAdapter.checkRequest(new Date('2026-03-02T00:30:00Z'))).toEqual({
      path: '/v1/organization/costs',
      query: [
        ['start_time', '1772323200'],
        ['limit', '1'],
      ],
    });
  });
});

describe('openAiAdapter.authHeaders', () => {
  it('sends the key as a bearer token', () => {
    expect(openAiAdapter.authHeaders('sk-admin-abcdefgh')).toEqual({
      authorization: 'Bearer sk-admin-abcdefgh',
    });
  });
});

describe('credentialFormatSchema("openai")', () => {
  it.each([
    ['sk-admin-abcdefgh', true],
    ['sk-admin-sim-acme', true],
    [`sk-admin-${'a'.repeat(200)}`, true],
    [`sk-admin-${'a'.repeat(201)}`, false],
    ['sk-admin-short', false],
    ['sk-proj-abcdefghijkl', false],
    ['sk-admin-abcdefgh\n', false],
    [' sk-admin-abcdefgh', false],
    ['sk-admin-abcd efgh', false],
    ['sk-ant-admin01-abcdefgh', false],
  ])('accepts %j: %s', (credential, accepted) => {
    expect(credentialFormatSchema('openai').safeParse(credential).success).toBe(accepted);
  });
});
