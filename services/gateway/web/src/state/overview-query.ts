import { z } from 'zod';
import { PERIOD_PRESETS, presetRange, type DayRange, type PeriodPreset } from './period';

export const GROUPINGS = ['provider', 'model', 'connection', 'tag', 'day'] as const;
export type Grouping = (typeof GROUPINGS)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What the overview shows, as kept in its URL so that a view can be shared. */
export const OverviewQuerySchema = z.object({
  period: z.enum(PERIOD_PRESETS).catch('month'),
  group: z.enum(GROUPINGS).catch('provider'),
  from: z.string().regex(DAY).optional().catch(undefined),
  to: z.string().regex(DAY).optional().catch(undefined),
});
export type OverviewQuery = z.infer<typeof OverviewQuerySchema>;

const DEFAULTS = { period: 'month', group: 'provider' } as const;

/**
 * Reads the overview's state from a query string. A shared link with a value this version
 * does not know falls back to the default instead of failing the page.
 */
export function readOverviewQuery(search: string): OverviewQuery {
  const params = new URLSearchParams(search);
  const parsed = OverviewQuerySchema.parse({
    period: params.get('period') ?? undefined,
    group: params.get('group') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  });
  const custom = parsed.from !== undefined && parsed.to !== undefined && parsed.from < parsed.to;
  return custom ? parsed : { period: parsed.period, group: parsed.group };
}

/** The query string of a state, leaving defaults out so links stay short. */
export function writeOverviewQuery(query: OverviewQuery): string {
  const params = new URLSearchParams();
  if (query.from !== undefined && query.to !== undefined) {
    params.set('from', query.from);
    params.set('to', query.to);
  } else if (query.period !== DEFAULTS.period) {
    params.set('period', query.period);
  }
  if (query.group !== DEFAULTS.group) params.set('group', query.group);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The days a state covers: its own from and to, else its preset counted from today. */
export function rangeOf(query: OverviewQuery, today: string): DayRange {
  if (query.from !== undefined && query.to !== undefined) return { from: query.from, to: query.to };
  return presetRange(query.period as PeriodPreset, today);
}
