import { describe, expect, it } from 'vitest';
import {
  anthropicCostLines,
  anthropicDayCostUnits,
  anthropicMessagesUsage,
  anthropicWorkspaces,
  dailyInputTokens,
  daysBetween,
  growthPpm,
  hash32,
  nanosToDollarText,
  openaiCompletionsUsage,
  openaiCostLines,
  openaiCostNanos,
  openaiDayCostNanos,
  openaiModelPrice,
  openaiProjects,
  OPENAI_MODEL_PRICES,
  openaiUsageRows,
  unitsToCentsText,
  weekdayPercent,
} from '../src/data';

describe('hash32', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('is FNV-1a 32-bit of %j', (text, expected) => {
    expect(hash32(text)).toBe(expected);
  });

  it('joins its parts with colons', () => {
    expect(hash32('openai', 'acme', '2026-01-01')).toBe(hash32('openai:acme:2026-01-01'));
  });
});

describe('calendar factors', () => {
  it.each([
    ['2025-01-31', 1_000_000],
    ['2025-02-01', 1_060_000],
    ['2025-03-31', 1_123_600],
    ['2027-12-31', 7_686_037],
  ])('growthPpm(%s) is %i', (day, ppm) => {
    expect(growthPpm(day)).toBe(ppm);
  });

  it.each([
    ['2026-01-02', 100],
    ['2026-01-03', 35],
    ['2026-01-04', 35],
    ['2026-01-05', 100],
  ])('weekdayPercent(%s) is %i', (day, percent) => {
    expect(weekdayPercent(day)).toBe(percent);
  });
});

describe('dailyInputTokens', () => {
  it('follows the formula written in the README', () => {
    const [org, day, scope, model] = ['acme', '2026-01-01', 'proj_acme_web', 'gpt-5'];
    const base = 1_000_000 + (hash32('openai', org, 'base', scope, model, 'tokens') % 9_000_000);
    const jitter = 80 + (hash32('openai', org, day, scope, model, 'tokens') % 41);
    const product = BigInt(base) * 2_012_190n * 100n * BigInt(jitter);
    const expected = Number(product / 10_000_000_000n);

    expect(growthPpm(day)).toBe(2_012_190);
    expect(dailyInputTokens('openai', org, day, scope, model)).toBe(expected);
    expect(expected).toBe(16_312_004);
  });
});

describe('decimal text', () => {
  it.each([
    [12_345_678_901n, '12.345678901'],
    [1500n, '0.0000015'],
    [10n, '0.00000001'],
    [5_000_000_000n, '5.0'],
    [0n, '0.0'],
  ])('writes %i nano-dollars as %s', (nanos, text) => {
    expect(nanosToDollarText(nanos)).toBe(text);
  });

  it.each([
    [41_280_500_000n, '41280.500000'],
    [5n, '0.000005'],
    [0n, '0.000000'],
  ])('writes %i millionths of a cent as %s', (units, text) => {
    expect(unitsToCentsText(units)).toBe(text);
  });
});

describe('the simulated company', () => {
  it('has three OpenAI projects and two Anthropic workspaces named after the org', () => {
    expect(openaiProjects('acme').map((project) => project.id)).toEqual([
      'proj_acme_web',
      'proj_acme_support',
      'proj_acme_research',
    ]);
    expect(anthropicWorkspaces('acme').map((workspace) => workspace.id)).toEqual([
      'wrkspc_acme_product',
      'wrkspc_acme_research',
    ]);
  });

  it('spends exactly these amounts on 2026-01-01', () => {
    expect(openaiDayCostNanos('acme', '2026-01-01')).toBe(176_892_025_095n);
    expect(anthropicDayCostUnits('acme', '2026-01-01')).toBe(31_803_840_965n);
    expect(openaiCostNanos('acme', '2026-01-01', 'proj_acme_web', 'gpt-5, input')).toBe(
      14_476_903_750n,
    );
  });

  it('reports nothing outside 2025-01-01..2027-12-31', () => {
    for (const day of ['2024-12-31', '2028-01-01']) {
      expect(openaiCostLines('acme', day)).toEqual([]);
      expect(openaiUsageRows('acme', day)).toEqual([]);
      expect(anthropicCostLines('acme', day)).toEqual([]);
      expect(anthropicMessagesUsage('acme', day)).toEqual([]);
    }
    expect(openaiDayCostNanos('acme', '2025-01-01')).toBeGreaterThan(0n);
    expect(anthropicDayCostUnits('acme', '2027-12-31')).toBeGreaterThan(0n);
  });

  it('gives another org other numbers', () => {
    expect(openaiDayCostNanos('globex', '2026-01-01')).not.toBe(176_892_025_095n);
  });

  it('prices each OpenAI line from the usage of the same day', () => {
    const usage = openaiUsageRows('acme', '2026-01-01')[0];
    const lines = openaiCostLines('acme', '2026-01-01').slice(0, 3);

    expect(usage).toEqual({
      projectId: 'proj_acme_web',
      model: 'gpt-5',
      inputTokens: 16_312_004,
      inputCachedTokens: 4_730_481,
      outputTokens: 1_468_080,
      numModelRequests: 5618,
    });
    expect(lines.map((line) => [line.lineItem, line.quantity, line.nanos])).toEqual([
      ['gpt-5, input', 11_581_523, 14_476_903_750n],
      ['gpt-5, cached input', 4_730_481, 591_310_125n],
      ['gpt-5, output', 1_468_080, 14_680_800_000n],
    ]);
  });

  it('leaves embeddings out of completions usage', () => {
    const models = openaiCompletionsUsage('acme', '2026-01-01').map((row) => row.model);
    expect(models).not.toContain('text-embedding-3-large');
    expect(openaiUsageRows('acme', '2026-01-01').map((row) => row.model)).toContain(
      'text-embedding-3-large',
    );
  });

  it('includes amounts that need rounding, exact half micro-dollars among them', () => {
    const days = daysBetween('2026-01-01', '2026-01-31');
    const nanos = days.flatMap((day) => openaiCostLines('acme', day).map((line) => line.nanos));
    const units = days.flatMap((day) => anthropicCostLines('acme', day).map((line) => line.units));

    expect(nanos.filter((value) => value % 1000n === 500n).length).toBeGreaterThan(20);
    expect(
      nanos.filter((value) => value % 1000n !== 0n && value % 1000n !== 500n).length,
    ).toBeGreaterThan(100);
    expect(units.filter((value) => value % 100n === 50n).length).toBeGreaterThan(20);
    expect(
      units.filter((value) => value % 100n !== 0n && value % 100n !== 50n).length,
    ).toBeGreaterThan(50);
  });
});

describe('the large org shape', () => {
  const projects = openaiProjects('largecorp');
  const models = new Set(projects.flatMap((project) => project.models));

  it('has 50 projects calling 4 models each, over 40 models in all', () => {
    expect(projects).toHaveLength(50);
    expect(projects[0]?.id).toBe('proj_largecorp_p01');
    expect(projects.at(-1)?.id).toBe('proj_largecorp_p50');
    expect(projects.every((project) => project.models.length === 4)).toBe(true);
    expect(models.size).toBe(40);
  });

  it('names fine-tunes after their base model and bills them at its price', () => {
    expect(projects[1]?.models).toEqual([
      'text-embedding-3-large',
      'ft:gpt-5-mini:largecorp::v01',
      'ft:gpt-4.1:largecorp::v02',
      'ft:o4-mini:largecorp::v03',
    ]);
    expect(openaiModelPrice('ft:o4-mini:largecorp::v03')).toEqual(OPENAI_MODEL_PRICES['o4-mini']);
  });

  it('reports one usage row per project and chat model, and cost lines for every row', () => {
    const usage = openaiCompletionsUsage('largecorp', '2026-06-01');
    expect(usage).toHaveLength(195);
    expect(openaiUsageRows('largecorp', '2026-06-01')).toHaveLength(200);
    expect(openaiCostLines('largecorp', '2026-06-01').length).toBeGreaterThan(2 * usage.length);
  });

  it('leaves an org that does not start with "large" in the small shape', () => {
    expect(openaiProjects('bigcorp')).toHaveLength(3);
  });
});
