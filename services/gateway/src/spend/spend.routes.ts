import type { IRequest } from 'itty-router';
import { z } from 'zod';
import { UtcDaySchema } from '@stax/contracts';
import { parseWith, readQuery } from '@stax/http';
import { formatMicros } from '@stax/money';
import type { AppContext } from '../app-context';
import { authenticate } from '../auth/authenticate';
import { json } from '../http/respond';
import { querySpend, queryUsage } from './spend.queries';

const MAX_RANGE_DAYS = 3 * 366;
const DAY_MS = 24 * 60 * 60 * 1000;

const RangeSchema = z
  .strictObject({
    from: UtcDaySchema,
    to: UtcDaySchema,
    group_by: z.enum(['provider', 'model', 'connection', 'day', 'tag']).default('provider'),
  })
  .refine((range) => range.from < range.to, { message: 'must be after from', path: ['to'] })
  .refine((range) => daysBetween(range.from, range.to) <= MAX_RANGE_DAYS, {
    message: `the range may span at most ${MAX_RANGE_DAYS} days`,
    path: ['to'],
  });

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
}

/** The range and grouping of a spend query string, checked. */
export function readRange(request: IRequest) {
  const query = readQuery(request);
  return parseWith(RangeSchema, query);
}

/** GET /api/v1/spend?from&to&group_by: exact money per group and currency. */
export async function spend(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  const range = readRange(request);

  const { rows, totals } = await querySpend(
    app,
    principal.workspaceId,
    range.from,
    range.to,
    range.group_by,
  );

  return json({
    from: range.from,
    to: range.to,
    groupBy: range.group_by,
    rows: rows.map((row) => ({ ...row, amount: formatMicros(row.amountMicros) })),
    totals: totals.map((total) => ({ ...total, amount: formatMicros(total.amountMicros) })),
  });
}

/** GET /api/v1/usage?from&to&group_by: token and request counts per group. */
export async function usage(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  const range = readRange(request);

  const result = await queryUsage(app, principal.workspaceId, range.from, range.to, range.group_by);

  return json({ from: range.from, to: range.to, groupBy: range.group_by, ...result });
}
