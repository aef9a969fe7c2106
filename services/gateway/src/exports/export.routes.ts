import type { IRequest } from 'itty-router';
import { ApiError } from '@stax/http';
import { formatMicros } from '@stax/money';
import type { AppContext } from '../app-context';
import { authenticate } from '../auth/authenticate';
import { toCsv } from '../http/csv';
import { querySpend } from '../spend/spend.queries';
import { readRange } from '../spend/spend.routes';
import { FOCUS_COLUMNS, toFocusRow } from './focus';
import { MAX_FOCUS_ROWS, queryCharges } from './focus.query';

function csvResponse(csv: string, filename: string): Response {
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
    },
  });
}

/**
 * GET /api/v1/export/spend.csv?from&to&group_by: the rows of GET /api/v1/spend as CSV, one per
 * group and currency, the amount as exact decimal text and in micro-units.
 */
export async function exportSpendCsv(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  const range = readRange(request);

  const { rows } = await querySpend(
    app,
    principal.workspaceId,
    range.from,
    range.to,
    range.group_by,
  );

  const columns = [range.group_by, 'currency', 'amount', 'amount_micros'];
  const cells = rows.map((row) => ({
    [range.group_by]: row.key,
    currency: row.currency,
    amount: formatMicros(row.amountMicros),
    amount_micros: String(row.amountMicros),
  }));
  return csvResponse(toCsv(columns, cells), `stax-spend-${range.from}-${range.to}.csv`);
}

/** GET /api/v1/export/focus.csv?from&to: every charge of the range as a FOCUS 1.3 row. */
export async function exportFocusCsv(request: IRequest, app: AppContext): Promise<Response> {
  const principal = await authenticate(request, app);
  const range = readRange(request);

  const charges = await queryCharges(app, principal.workspaceId, range);
  if (charges === 'too_many') {
    throw new ApiError('validation_failed', {
      title: `The range holds more than ${MAX_FOCUS_ROWS} charges. Export a shorter range.`,
      field: 'to',
    });
  }

  const csv = toCsv(FOCUS_COLUMNS, charges.map(toFocusRow));
  return csvResponse(csv, `stax-focus-${range.from}-${range.to}.csv`);
}
