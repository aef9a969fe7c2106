import { describe, expect, it } from 'vitest';
import { addCodexRows, creditCostMicros, readCodexUsagePage, type CodexDay } from '../src';

const PAGE =
  '{"object":"page","has_more":true,"next_page":"cur_2","data":[' +
  '{"start_time":1767225600,"end_time":1767312000,"user_email":"dana@example.com","threads":14,' +
  '"turns":88,"credits":412.5,"input_tokens":900000,"cached_input_tokens":600000,"output_tokens":70000},' +
  '{"start_time":1767225600,"end_time":1767312000,"user_email":"lee@example.com","threads":1,' +
  '"turns":2,"credits":0.25,"input_tokens":1000,"cached_input_tokens":0,"output_tokens":50}]}';

describe('Codex usage pages', () => {
  it('sums the rows of a day exactly, keeping no user', () => {
    const page = readCodexUsagePage(PAGE);
    if (!page.ok) throw new Error(page.error.message);
    const days = new Map<string, CodexDay>();

    expect(addCodexRows(days, page.value.rows)).toEqual({ ok: true, value: null });

    expect(page.value.nextPage).toBe('cur_2');
    expect([...days.values()]).toEqual([
      {
        day: '2026-01-01',
        chargePeriodStart: '2026-01-01T00:00:00Z',
        chargePeriodEnd: '2026-01-02T00:00:00Z',
        microCredits: 412_750_000n,
        inputTokens: 901_000,
        cachedInputTokens: 600_000,
        outputTokens: 70_050,
      },
    ]);
    expect(
      JSON.stringify([...days.values()], (_k, v) => (typeof v === 'bigint' ? 0 : v)),
    ).not.toContain('example.com');
  });

  it.each([
    ['has_more without a cursor', PAGE.replace('"next_page":"cur_2"', '"next_page":null')],
    ['credits as text that is not a number', PAGE.replace('412.5', '"lots"')],
    ['tokens with a fraction', PAGE.replace('900000', '900000.5')],
  ])('refuses a page with %s', (_case, body) => {
    expect(readCodexUsagePage(body)).toMatchObject({
      ok: false,
      error: { code: 'unexpected_format' },
    });
  });
});

describe('creditCostMicros', () => {
  it.each([
    [412_750_000n, '0.04', 16_510_000],
    [1n, '0.5', 0],
    [3n, '0.5', 2],
    [1_000_000n, '0.000000001', 0],
    [1_500_000n, '0.000001', 2],
  ])('%s micro-credits at %s each cost %i micros', (microCredits, price, micros) => {
    expect(creditCostMicros(microCredits, price)).toBe(micros);
  });
});
