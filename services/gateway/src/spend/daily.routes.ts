import type { IRequest } from 'itty-router';
import { z } from 'zod';
import { UtcDaySchema } from '@stax/contracts';
import { parseWith, readQuery } from '@stax/http';
import { formatMicros } from '@stax/money';
import type { AppContext } from '../app-context';
import { authenticate } from '../auth/authenticate';
import { json } from '../http/respond';
import { queryDailySpend } from './daily.queries';

// A dashboard chart shows at most about a year of days; longer ranges belong to exports.
const MAX_DAILY_RANGE_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

const DailyRangeSchema = z
  .strictObject({ from: UtcDaySchema, to: UtcDaySchema })
  .refine((range) => range.from < range.to, { message: 'must be after from', path: ['to'] })
  .refine((range) => daysBetween(range.from, range.to) <= MAX_DAILY_RANGE_DAYS, {
    message: `the range may span at most ${MAX_DAILY_RANGE_DAYS} days`,
    path: ['to'],
  });

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
}

/**
 * GET /api/v1/spend/daily?from&to: exact money per day, provider and currency, for the
 * dashboard's chart stacked by provider (one group_by of /spend cannot split a day).
 */
export async function dailySpend(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  const range = parseWith(DailyRangeSchema, readQuery(request));

  const days = await queryDailySpend(app, principal.workspaceId, range.from, range.to);

  return json({
    from: range.from,
    to: range.to,
    days: days.map((day) => ({ ...day, amount: formatMicros(day.amountMicros) })),
  });
}
