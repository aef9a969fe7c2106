import { describe, expect, it } from 'vitest';
import {
  anthropicCostLines,
  anthropicCostUnits,
  anthropicDayCostUnits,
  anthropicMessagesUsage,
  daysBetween,
} from '../src/data';
import {
  anthropicAuth,
  centTextToUnits,
  useSimulator,
  type RawResponse,
} from './simulator-harness';

const sim = useSimulator();
const AUTH = anthropicAuth('sk-ant-admin01-sim-acme');
const COSTS = '/v1/organizations/cost_report';
const USAGE = '/v1/organizations/usage_report/messages';
const AMOUNT = /"amount":"([^"]*)"/g;

interface Page {
  readonly data: ReadonlyArray<{ starting_at: string; ending_at: string; results: unknown[] }>;
  readonly has_more: boolean;
  readonly next_page: string | null;
}

function window(firstDay: string, endDay: string): string {
  return `starting_at=${firstDay}T00:00:00Z&ending_at=${endDay}T00:00:00Z`;
}

async function walkPages(firstPath: string): Promise<RawResponse[]> {
  const pages: RawResponse[] = [];
  let cursor: string | null = null;
  do {
    const page = await sim.get(cursor ? `${firstPath}&page=${cursor}` : firstPath, AUTH);
    expect(page.status).toBe(200);
    pages.push(page);
    cursor = (JSON.parse(page.text) as Page).next_page;
  } while (cursor !== null && pages.length < 100);
  return pages;
}

describe('GET /v1/organizations/cost_report', () => {
  it('writes one day ungrouped as exactly this body', async () => {
    const response = await sim.get(`${COSTS}?${window('2026-01-01', '2026-01-02')}`, AUTH);

    expect(response.status).toBe(200);
    expect(response.text).toBe(
      '{"data":[{"starting_at":"2026-01-01T00:00:00Z","ending_at":"2026-01-02T00:00:00Z",' +
        '"results":[{"currency":"USD","amount":"31803.840965","workspace_id":null,' +
        '"description":null,"cost_type":null,"token_type":null,"model":null,"service_tier":null,' +
        '"context_window":null,"inference_geo":null}]}],"has_more":false,"next_page":null}',
    );
  });

  it('describes each line as the data rule does, exact to the millionth of a cent', async () => {
    const groups = 'group_by[]=workspace_id&group_by[]=description';
    const query = `${window('2026-01-01', '2026-01-02')}&${groups}`;
    const page = JSON.parse((await sim.get(`${COSTS}?${query}`, AUTH)).text) as Page;
    const results = page.data[0]?.results as Array<{
      amount: string;
      workspace_id: string;
      description: string;
    }>;

    expect(results).toHaveLength(anthropicCostLines('acme', '2026-01-01').length);
    for (const result of results) {
      const units = anthropicCostUnits(
        'acme',
        '2026-01-01',
        result.workspace_id,
        result.description,
      );
      expect(centTextToUnits(result.amount)).toBe(units);
    }
    expect(results[0]).toEqual({
      currency: 'USD',
      amount: '2066.876100',
      workspace_id: 'wrkspc_acme_product',
      description: 'Claude Sonnet 4.6 Usage - Input Tokens',
      cost_type: 'tokens',
      token_type: 'uncached_input_tokens',
      model: 'claude-sonnet-4-6',
      service_tier: 'standard',
      context_window: '0-200k',
      inference_geo: null,
    });
    // 9 Sonnet and 16 Haiku searches in the product workspace, one cent each.
    expect(results.find((result) => result.description === 'Web Search')).toEqual({
      currency: 'USD',
      amount: '25.000000',
      workspace_id: 'wrkspc_acme_product',
      description: 'Web Search',
      cost_type: 'web_search',
      token_type: null,
      model: null,
      service_tier: null,
      context_window: null,
      inference_geo: null,
    });
  });

  it('walks every page and the pages add up to the data rule exactly', async () => {
    const query = `${window('2025-12-25', '2026-02-03')}&group_by[]=workspace_id&limit=31`;
    const pages = await walkPages(`${COSTS}?${query}`);
    const days = daysBetween('2025-12-25', '2026-02-02');
    const starts = pages.flatMap((page) =>
      (JSON.parse(page.text) as Page).data.map((b) => b.starting_at),
    );
    const total = pages
      .flatMap((page) => [...page.text.matchAll(AMOUNT)])
      .reduce((sum, [, amount]) => sum + centTextToUnits(amount ?? ''), 0n);

    expect(pages).toHaveLength(2);
    expect(starts).toEqual(days.map((day) => `${day}T00:00:00Z`));
    expect(total).toBe(days.reduce((sum, day) => sum + anthropicDayCostUnits('acme', day), 0n));
  });

  it('writes every amount with exactly six decimals', async () => {
    const response = await sim.get(
      `${COSTS}?${window('2026-01-01', '2026-01-08')}&group_by[]=description`,
      AUTH,
    );
    const amounts = [...response.text.matchAll(AMOUNT)].map(([, amount]) => amount);

    expect(amounts.length).toBeGreaterThan(50);
    expect(amounts.every((amount) => /^\d+\.\d{6}$/.test(amount ?? ''))).toBe(true);
  });

  it.each([
    ['', 'starting_at: Field required'],
    ['starting_at=2026-01-01', 'starting_at: Input should be a valid RFC 3339 datetime'],
    [
      'starting_at=2026-01-02T00:00:00Z&ending_at=2026-01-01T00:00:00Z',
      'ending_at: must be after starting_at',
    ],
    [
      'starting_at=2026-01-01T00:00:00Z&limit=32',
      "Invalid value for 'limit': expected an integer between 1 and 31.",
    ],
    ['starting_at=2026-01-01T00:00:00Z&bucket_width=1h', "bucket_width: Input should be '1d'"],
    [
      'starting_at=2026-01-01T00:00:00Z&group_by[]=model',
      "Invalid value for 'group_by': 'model'. Allowed: workspace_id, description.",
    ],
    [
      'starting_at=2026-01-01T00:00:00Z&page=page_x',
      "Invalid value for 'page': the cursor does not belong to this report.",
    ],
  ])('rejects ?%s with 400 invalid_request_error', async (query, message) => {
    const response = await sim.get(`${COSTS}?${query}`, AUTH);

    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message },
    });
  });
});

describe('GET /v1/organizations/usage_report/messages', () => {
  it('reports each (workspace, model) with cache creation nested by TTL', async () => {
    const query = `${window('2026-01-01', '2026-01-02')}&group_by[]=workspace_id&group_by[]=model`;
    const page = JSON.parse((await sim.get(`${USAGE}?${query}`, AUTH)).text) as Page;

    expect(page.data[0]?.results).toHaveLength(anthropicMessagesUsage('acme', '2026-01-01').length);
    expect(page.data[0]?.results[0]).toEqual({
      uncached_input_tokens: 6_889_587,
      cache_read_input_tokens: 1_464_036,
      cache_creation: { ephemeral_5m_input_tokens: 86_119, ephemeral_1h_input_tokens: 172_239 },
      output_tokens: 1_722_396,
      server_tool_use: { web_search_requests: 9 },
      api_key_id: null,
      workspace_id: 'wrkspc_acme_product',
      model: 'claude-sonnet-4-6',
      service_tier: null,
      context_window: null,
      inference_geo: null,
    });
  });

  it('sums over workspaces when grouped by model only, across pages', async () => {
    const pages = await walkPages(
      `${USAGE}?${window('2026-02-01', '2026-02-11')}&group_by[]=model`,
    );
    const results = pages.flatMap((page) =>
      (JSON.parse(page.text) as Page).data.flatMap((bucket) => bucket.results),
    ) as Array<{ uncached_input_tokens: number; workspace_id: null }>;
    const expected = daysBetween('2026-02-01', '2026-02-10')
      .flatMap((day) => anthropicMessagesUsage('acme', day))
      .reduce((sum, row) => sum + row.uncachedInputTokens, 0);

    expect(pages).toHaveLength(2);
    expect(results).toHaveLength(30);
    expect(results.reduce((sum, result) => sum + result.uncached_input_tokens, 0)).toBe(expected);
  });

  it('fills service_tier and context_window when grouped by them', async () => {
    const groups = 'group_by[]=service_tier&group_by[]=context_window';
    const query = `${window('2026-01-01', '2026-01-02')}&${groups}`;
    const page = JSON.parse((await sim.get(`${USAGE}?${query}`, AUTH)).text) as Page;

    expect(page.data[0]?.results).toHaveLength(1);
    expect(page.data[0]?.results[0]).toMatchObject({
      service_tier: 'standard',
      context_window: '0-200k',
    });
  });

  it('rejects hourly buckets as unsupported by the simulator', async () => {
    const response = await sim.get(
      `${USAGE}?starting_at=2026-01-01T00:00:00Z&bucket_width=1h`,
      AUTH,
    );

    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toEqual({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        message: "bucket_width: '1h' is not supported by the simulator; use '1d'",
      },
    });
  });
});

describe('unknown Anthropic paths', () => {
  it('answer 404 in Anthropic error shape', async () => {
    const response = await sim.get('/v1/organizations/analytics/cost', AUTH);

    expect(response.status).toBe(404);
    expect(JSON.parse(response.text)).toEqual({
      type: 'error',
      error: { type: 'not_found_error', message: 'Not found' },
    });
  });
});
