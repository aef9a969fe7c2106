import { describe, expect, it } from 'vitest';
import { credentialFormatSchema, cursorAdapter, isAllowedOutbound, sumRecordsByKey } from '../src';
import type { RecordSet } from '../src';
import eventsPage1 from './fixtures/cursor-usage-events-page-1.json?raw';
import eventsPage2 from './fixtures/cursor-usage-events-page-2.json?raw';
import spendPage from './fixtures/cursor-spend.json?raw';

const window = { from: '2026-01-01', to: '2026-01-03' };
const now = new Date('2026-01-02T12:00:00Z');
const [eventsSource, spendSource] = cursorAdapter.sources;

function read(body: string, page: string | null = null): RecordSet {
  const read = eventsSource?.readPage(body, { window, page, link: null, now });
  if (!read?.ok) throw new Error('the fixture does not read');
  return read.value.records;
}

describe('cursorAdapter usage events', () => {
  it('asks for a page of 100 events over the window as a POST body', () => {
    expect(eventsSource?.request(window, '2', 'key')).toEqual({
      method: 'POST',
      path: '/teams/filtered-usage-events',
      query: [],
      body: { startDate: 1767225600000, endDate: 1767398399999, page: 2, pageSize: 100 },
    });
  });

  it('rounds each event once and adds events up per day, model and kind', () => {
    const combined = cursorAdapter.combine({
      ...read(eventsPage1),
      costs: [...read(eventsPage1).costs, ...read(eventsPage2, '2').costs],
      usage: [...read(eventsPage1).usage, ...read(eventsPage2, '2').usage],
    });

    expect(
      combined.costs.map((cost) => [cost.recordKey, cost.billedCostMicros, cost.consumedQuantity]),
    ).toEqual([
      ['cost|2026-01-01|claude-4.5-sonnet|Usage-based', 402_720, 2],
      ['cost|2026-01-01|o3-pro-unknown-model|Included in Business', 0, 1],
      ['cost|2026-01-02|claude-4.5-sonnet|Usage-based', 74_200, 1],
    ]);
    expect(combined.costs[0]).toMatchObject({
      chargePeriodStart: '2026-01-01T00:00:00Z',
      chargePeriodEnd: '2026-01-02T00:00:00Z',
      currency: 'USD',
      serviceName: 'Cursor',
      source: 'computed',
    });
    expect(combined.usage[0]).toEqual({
      recordKey: 'usage|2026-01-01|claude-4.5-sonnet',
      chargePeriodStart: '2026-01-01T00:00:00Z',
      chargePeriodEnd: '2026-01-02T00:00:00Z',
      model: 'claude-4.5-sonnet',
      projectId: null,
      apiKeyId: null,
      inputTokens: 18_000,
      cachedInputTokens: 12_000,
      cacheWriteTokens: 5_000,
      outputTokens: 460,
      requests: 2,
    });
  });

  it('pages on hasNextPage', () => {
    const first = eventsSource?.readPage(eventsPage1, { window, page: null, link: null, now });
    const last = eventsSource?.readPage(eventsPage2, { window, page: '2', link: null, now });
    expect(first).toMatchObject({ ok: true, value: { nextPage: '2' } });
    expect(last).toMatchObject({ ok: true, value: { nextPage: null } });
  });

  it('leaves out events of a day outside the window, so no day is half-counted', () => {
    const narrow = { from: '2026-01-01', to: '2026-01-02' };
    const page = eventsSource?.readPage(eventsPage2, {
      window: narrow,
      page: null,
      link: null,
      now,
    });
    expect(page).toMatchObject({ ok: true, value: { skipped: 1, records: { costs: [] } } });
  });

  it.each([
    ['totalCents as text of words', eventsPage2.replace('7.41999999999', '"lots"')],
    ['a page without pagination', '{"usageEvents":[]}'],
    ['not JSON', '<html>'],
  ])('fails on %s', (_case, body) => {
    const page = eventsSource?.readPage(body, { window, page: null, link: null, now });
    expect(page).toMatchObject({ ok: false, error: { code: 'unexpected_format' } });
  });
});

describe('cursorAdapter cycle spend', () => {
  it('keeps the members’ cycle-to-date spend as a total, never as a cost', () => {
    const page = spendSource?.readPage(spendPage, { window, page: null, link: null, now });
    expect(page).toEqual({
      ok: true,
      value: {
        records: {
          costs: [],
          usage: [],
          seats: [],
          totals: [
            {
              recordKey: 'cycle-spend|2026-01-01T00:00:00Z',
              periodStart: '2026-01-01T00:00:00Z',
              asOf: '2026-01-02T12:00:00Z',
              amountMicros: 48_370_000,
              currency: 'USD',
              description: 'Cursor cycle-to-date spend of every member (to reconcile against)',
            },
          ],
        },
        skipped: 0,
        nextPage: '2',
      },
    });
    const lastPage = spendSource?.readPage(spendPage, { window, page: '3', link: null, now });
    expect(lastPage).toMatchObject({ ok: true, value: { nextPage: null } });
  });

  it('is read only by a window that holds today', () => {
    expect(spendSource?.appliesTo?.(window, now)).toBe(true);
    expect(spendSource?.appliesTo?.({ from: '2025-12-01', to: '2026-01-01' }, now)).toBe(false);
  });

  it('sums page totals of the same cycle into one', () => {
    const page = spendSource?.readPage(spendPage, { window, page: null, link: null, now });
    if (!page?.ok) throw new Error('no page');
    const totals = sumRecordsByKey({
      ...page.value.records,
      totals: [...page.value.records.totals, ...page.value.records.totals],
    }).totals;
    expect(totals.map((total) => total.amountMicros)).toEqual([96_740_000]);
  });
});

describe('Cursor credentials and calls', () => {
  it('authenticates with Basic auth, the key as the user name', () => {
    const key = `key_${'ab'.repeat(32)}`;
    expect(cursorAdapter.authHeaders(key)).toEqual({ authorization: `Basic ${btoa(`${key}:`)}` });
  });

  it.each([
    [`key_${'0'.repeat(64)}`, true],
    [`key_${'0'.repeat(63)}`, false],
    [`key_${'g'.repeat(64)}`, false],
    ['sk-admin-abcdefgh', false],
  ])('accepts %s as a Cursor key: %s', (key, accepted) => {
    expect(credentialFormatSchema('cursor').safeParse(key).success).toBe(accepted);
  });

  it.each([
    ['POST', '/teams/filtered-usage-events', true],
    ['POST', '/teams/spend', true],
    ['GET', '/teams/spend', false],
    ['POST', '/teams/user-spend-limit', false],
    ['GET', '/teams/audit-logs', false],
    ['GET', '/teams/members', false],
  ])('allows %s %s: %s', (method, path, allowed) => {
    expect(isAllowedOutbound('cursor', method, path)).toBe(allowed);
  });

  it('paces calls at most 20 a minute', () => {
    expect(60_000 / (cursorAdapter.minRequestIntervalMs ?? 0)).toBe(20);
  });
});
