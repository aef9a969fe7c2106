import { describe, expect, it } from 'vitest';
import { COST_COLUMNS, jsonRowChunks, USAGE_COLUMNS, utcDayOf } from '../src/record-rows';
import { costRecord, usageRecord } from './fixtures';

describe('jsonRowChunks', () => {
  it('writes each record as an array of its column values, in column order', () => {
    const chunks = jsonRowChunks([usageRecord()], USAGE_COLUMNS, 10_000);

    expect(Object.keys(USAGE_COLUMNS)).toEqual([
      'record_key',
      'usage_date',
      'charge_period_start',
      'charge_period_end',
      'model',
      'project_id',
      'api_key_id',
      'input_tokens',
      'cached_input_tokens',
      'cache_write_tokens',
      'output_tokens',
      'requests',
    ]);
    expect(chunks.map((chunk) => JSON.parse(chunk))).toEqual([
      [
        [
          'usage|2026-04-20|gpt-4.1',
          '2026-04-20',
          '2026-04-20T00:00:00Z',
          '2026-04-21T00:00:00Z',
          'gpt-4.1',
          'proj_abc',
          'key_1',
          1_000_000,
          250_000,
          0,
          42_000,
          310,
        ],
      ],
    ]);
  });

  it('keeps every chunk within the character budget and every record in order', () => {
    const records = Array.from({ length: 100 }, (_, index) =>
      costRecord({ recordKey: `key-${index}`, billedCostMicros: index }),
    );
    const budget = 2_000;

    const chunks = jsonRowChunks(records, COST_COLUMNS, budget);

    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.filter((chunk) => chunk.length > budget)).toEqual([]);
    const keys = chunks.flatMap((chunk) => (JSON.parse(chunk) as unknown[][]).map((row) => row[0]));
    expect(keys).toEqual(records.map((record) => record.recordKey));
  });

  it('makes no chunk for no records', () => {
    expect(jsonRowChunks([], COST_COLUMNS, 1_000)).toEqual([]);
  });
});

describe('utcDayOf', () => {
  it.each([
    ['2026-04-20T00:00:00Z', '2026-04-20'],
    ['2026-04-20T23:59:59.999Z', '2026-04-20'],
    ['2024-02-29T12:00:00Z', '2024-02-29'],
  ])('reads %s as %s', (instant, day) => {
    expect(utcDayOf(instant)).toBe(day);
  });
});
