import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  openaiCompletionsUsage,
  openaiCostLines,
  openaiCostNanos,
  openaiDayCostNanos,
} from '../src/data';
import {
  dollarTextToNanos,
  openAiAuth,
  unixDay,
  useSimulator,
  type RawResponse,
} from './simulator-harness';

const sim = useSimulator();
const AUTH = openAiAuth('sk-admin-sim-acme');
const COSTS = '/v1/organization/costs';
const USAGE = '/v1/organization/usage/completions';
const AMOUNT_VALUE = /"amount":\{"value":([^,}]+),"currency":"usd"\}/g;

function window(firstDay: string, endDay: string): string {
  return `start_time=${unixDay(firstDay)}&end_time=${unixDay(endDay)}`;
}

// The decimal a nano-dollar count must appear as, computed apart from the simulator's code.
function expectedDollarText(nanos: bigint): string {
  const fraction = (nanos % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return `${nanos / 1_000_000_000n}.${fraction || '0'}`;
}

interface Page {
  readonly data: ReadonlyArray<{ start_time: number; end_time: number; results: unknown[] }>;
  readonly has_more: boolean;
  readonly next_page: string | null;
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

describe('GET /v1/organization/costs', () => {
  it('writes one day ungrouped as exactly this body', async () => {
    const response = await sim.get(`${COSTS}?${window('2026-01-01', '2026-01-02')}`, AUTH);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.text).toBe(
      '{"object":"page","data":[{"object":"bucket","start_time":1767225600,"end_time":1767312000,' +
        '"results":[{"object":"organization.costs.result","amount":{"value":176.892025095,' +
        '"currency":"usd"},"line_item":null,"project_id":null,"api_key_id":null,"quantity":null,' +
        '"quantity_unit":null}]}],"has_more":false,"next_page":null}',
    );
  });

  it('writes every amount as the exact decimal of its nano-dollars', async () => {
    const query = `${window('2026-01-01', '2026-01-02')}&group_by=line_item&group_by=project_id`;
    const response = await sim.get(`${COSTS}?${query}`, AUTH);
    const line =
      /"amount":\{"value":([^,]+),"currency":"usd"\},"line_item":"([^"]+)","project_id":"([^"]+)"/g;
    const matches = [...response.text.matchAll(line)];

    expect(matches).toHaveLength(openaiCostLines('acme', '2026-01-01').length);
    for (const [, value, lineItem, projectId] of matches) {
      const nanos = openaiCostNanos('acme', '2026-01-01', projectId ?? '', lineItem ?? '');
      expect(value).toBe(expectedDollarText(nanos));
      expect(dollarTextToNanos(value ?? '')).toBe(nanos);
    }
    expect(response.text).toContain(
      '{"object":"organization.costs.result","amount":{"value":14.47690375,"currency":"usd"},' +
        '"line_item":"gpt-5, input","project_id":"proj_acme_web","api_key_id":null,' +
        '"quantity":11581523,"quantity_unit":"tokens"}',
    );
  });

  it('walks every page and the pages add up to the data rule to the nano-dollar', async () => {
    const groups = 'group_by[]=line_item&group_by[]=project_id';
    const query = `${window('2025-12-29', '2026-02-10')}&${groups}`;
    const pages = await walkPages(`${COSTS}?${query}&limit=7`);
    const buckets = pages.flatMap((page) => (JSON.parse(page.text) as Page).data);
    const total = pages
      .flatMap((page) => [...page.text.matchAll(AMOUNT_VALUE)])
      .reduce((sum, [, value]) => sum + dollarTextToNanos(value ?? ''), 0n);
    const days = daysBetween('2025-12-29', '2026-02-09');

    expect(pages).toHaveLength(7);
    expect(buckets.map((bucket) => bucket.start_time)).toEqual(days.map(unixDay));
    expect(total).toBe(days.reduce((sum, day) => sum + openaiDayCostNanos('acme', day), 0n));
    const last = JSON.parse(pages.at(-1)?.text ?? '{}') as Page;
    expect([last.has_more, last.next_page]).toEqual([false, null]);
  });

  it('answers the bracket and repeated group_by forms alike', async () => {
    const base = `${COSTS}?${window('2026-03-01', '2026-03-03')}`;
    const repeated = await sim.get(`${base}&group_by=project_id`, AUTH);
    const bracket = await sim.get(`${base}&group_by[]=project_id`, AUTH);

    expect(bracket.text).toBe(repeated.text);
    expect(repeated.text.match(/"project_id":"proj_acme_[a-z]+"/g)).toHaveLength(6);
  });

  it('returns seven buckets by default with a page_ cursor', async () => {
    const response = await sim.get(`${COSTS}?${window('2026-03-01', '2026-03-11')}`, AUTH);
    const page = JSON.parse(response.text) as Page;

    expect(page.data).toHaveLength(7);
    expect(page.has_more).toBe(true);
    expect(page.next_page).toMatch(/^page_[A-Za-z0-9_-]+$/);
  });

  it('starts at the UTC day of start_time and returns empty buckets outside the data', async () => {
    const query = `start_time=${unixDay('2024-12-30') + 5000}&end_time=${unixDay('2025-01-02')}`;
    const page = JSON.parse((await sim.get(`${COSTS}?${query}`, AUTH)).text) as Page;

    expect(page.data.map((bucket) => [bucket.start_time, bucket.results.length])).toEqual([
      [unixDay('2024-12-30'), 0],
      [unixDay('2024-12-31'), 0],
      [unixDay('2025-01-01'), 1],
    ]);
  });

  it('keeps only the projects asked for', async () => {
    const filter = 'group_by=project_id&project_ids=proj_acme_support';
    const query = `${window('2026-01-01', '2026-01-02')}&${filter}`;
    const response = await sim.get(`${COSTS}?${query}`, AUTH);
    const support = openaiCostLines('acme', '2026-01-01')
      .filter((line) => line.projectId === 'proj_acme_support')
      .reduce((sum, line) => sum + line.nanos, 0n);

    expect([...response.text.matchAll(AMOUNT_VALUE)].map(([, value]) => value)).toEqual([
      expectedDollarText(support),
    ]);
  });

  it.each([
    ['', 'start_time', "Missing required parameter: 'start_time'."],
    [
      'start_time=yesterday',
      'start_time',
      "Invalid value for 'start_time': expected an integer between 0 and 253402300799.",
    ],
    [
      'start_time=1767225600&end_time=1767225600',
      'end_time',
      "Invalid value for 'end_time': must be after 'start_time'.",
    ],
    [
      'start_time=1767225600&limit=0',
      'limit',
      "Invalid value for 'limit': expected an integer between 1 and 180.",
    ],
    [
      'start_time=1767225600&limit=181',
      'limit',
      "Invalid value for 'limit': expected an integer between 1 and 180.",
    ],
    [
      'start_time=1767225600&bucket_width=1h',
      'bucket_width',
      "Invalid value for 'bucket_width': '1h'.",
    ],
    [
      'start_time=1767225600&group_by=model',
      'group_by',
      "Invalid value for 'group_by': 'model'. Allowed: project_id, line_item, api_key_id.",
    ],
    [
      'start_time=1767225600&page=page_bm9wZQ',
      'page',
      "Invalid value for 'page': the cursor does not belong to this report.",
    ],
  ])('rejects ?%s with 400 naming %s', async (query, param, message) => {
    const response = await sim.get(`${COSTS}?${query}`, AUTH);

    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toEqual({
      error: { message, type: 'invalid_request_error', param, code: null },
    });
  });
});

describe('GET /v1/organization/usage/completions', () => {
  it('reports each (project, model) of the day as the data rule has it', async () => {
    const query = `${window('2026-01-01', '2026-01-02')}&group_by=project_id&group_by=model`;
    const page = JSON.parse((await sim.get(`${USAGE}?${query}`, AUTH)).text) as Page;
    const rows = openaiCompletionsUsage('acme', '2026-01-01');

    expect(page.data[0]?.results).toHaveLength(rows.length);
    expect(page.data[0]?.results[0]).toEqual({
      object: 'organization.usage.completions.result',
      input_tokens: 16_312_004,
      input_cached_tokens: 4_730_481,
      input_uncached_tokens: 11_581_523,
      input_cache_write_tokens: 0,
      input_text_tokens: 11_581_523,
      input_audio_tokens: 0,
      input_image_tokens: 0,
      output_tokens: 1_468_080,
      output_text_tokens: 1_468_080,
      output_audio_tokens: 0,
      output_image_tokens: 0,
      num_model_requests: 5618,
      project_id: 'proj_acme_web',
      user_id: null,
      api_key_id: null,
      model: 'gpt-5',
      batch: null,
      service_tier: null,
    });
  });

  it('sums every dimension that is not grouped, across all pages', async () => {
    const pages = await walkPages(`${USAGE}?${window('2026-02-01', '2026-02-21')}&limit=6`);
    const results = pages.flatMap((page) =>
      (JSON.parse(page.text) as Page).data.flatMap((bucket) => bucket.results),
    ) as Array<{ input_tokens: number; model: null; project_id: null }>;
    const days = daysBetween('2026-02-01', '2026-02-20');
    const expected = days
      .flatMap((day) => openaiCompletionsUsage('acme', day))
      .reduce((sum, row) => sum + row.inputTokens, 0);

    expect(pages).toHaveLength(4);
    expect(results).toHaveLength(20);
    expect(results.reduce((sum, result) => sum + result.input_tokens, 0)).toBe(expected);
    expect(results.every((result) => result.model === null && result.project_id === null)).toBe(
      true,
    );
  });

  it('fills batch and service_tier when grouped by them', async () => {
    const query = `${window('2026-01-01', '2026-01-02')}&group_by=batch&group_by=service_tier`;
    const page = JSON.parse((await sim.get(`${USAGE}?${query}`, AUTH)).text) as Page;

    expect(page.data[0]?.results[0]).toMatchObject({ batch: false, service_tier: 'default' });
  });

  it.each([
    [
      'bucket_width=1h',
      'bucket_width',
      "bucket_width '1h' is not supported by the simulator; use '1d'.",
    ],
    ['bucket_width=1w', 'bucket_width', "Invalid value for 'bucket_width': '1w'."],
    ['limit=32', 'limit', "Invalid value for 'limit': expected an integer between 1 and 31."],
    [
      'group_by=line_item',
      'group_by',
      "Invalid value for 'group_by': 'line_item'. Allowed: model, project_id, api_key_id, user_id, batch, service_tier.",
    ],
  ])('rejects %s with 400 naming %s', async (extra, param, message) => {
    const response = await sim.get(`${USAGE}?start_time=1767225600&${extra}`, AUTH);

    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toEqual({
      error: { message, type: 'invalid_request_error', param, code: null },
    });
  });
});

describe('unknown OpenAI paths', () => {
  it('answer 404 in OpenAI error shape', async () => {
    const response = await sim.get('/v1/organization/usage/embeddings?start_time=1', AUTH);

    expect(response.status).toBe(404);
    expect(JSON.parse(response.text)).toEqual({
      error: {
        message: 'Invalid URL (GET /v1/organization/usage/embeddings)',
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  });
});
