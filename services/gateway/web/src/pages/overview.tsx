import { useMemo } from 'preact/hooks';
import { formatMicros } from '@stax/money';
import { useResource } from '../api/resource';
import {
  ConnectionListSchema,
  DailySpendSchema,
  SpendSchema,
  type Connection,
  type SpendRow,
} from '../api/schemas';
import { Field } from '../components/form';
import { Link } from '../components/link';
import { Money } from '../components/money';
import { SpendChart } from '../components/spend-chart';
import { Empty, NotAvailableYet, Show } from '../components/status';
import { dayIn, formatDay, formatMonth } from '../format/dates';
import { forecastMicros } from '../format/money';
import { providerName } from '../format/providers';
import { stackByProvider } from '../state/chart-data';
import {
  GROUPINGS,
  rangeOf,
  readOverviewQuery,
  writeOverviewQuery,
  type Grouping,
  type OverviewQuery,
} from '../state/overview-query';
import {
  PERIOD_LABELS,
  PERIOD_PRESETS,
  dayOfMonth,
  daysInMonth,
  monthToDate,
  type DayRange,
  type PeriodPreset,
} from '../state/period';
import { navigate, useLocation } from '../state/route';
import { useMe } from '../state/workspace';

const TOP_COUNT = 5;

function spendPath(range: DayRange, groupBy: string): string {
  return `/api/v1/spend?from=${range.from}&to=${range.to}&group_by=${groupBy}`;
}

/** Month to date and forecast, the daily chart, the top models and connections, a breakdown. */
export function OverviewPage() {
  const me = useMe();
  const { search } = useLocation();
  const query = readOverviewQuery(search);
  const today = dayIn(me.workspace.timeZone, new Date());
  const range = rangeOf(query, today);

  return (
    <>
      <div class="page-head">
        <h1>Overview</h1>
        <PeriodControls query={query} />
      </div>
      <MonthToDate today={today} />
      <section class="card" aria-labelledby="daily-heading">
        <h2 id="daily-heading">
          Daily spend by provider{' '}
          <span class="muted">
            {formatDay(range.from)} – {formatDay(lastDayOf(range))}
          </span>
        </h2>
        <DailyChart range={range} />
      </section>
      <div class="grid two">
        <TopSpend title="Top models" range={range} groupBy="model" />
        <TopSpend title="Top connections" range={range} groupBy="connection" />
      </div>
      <Breakdown range={range} grouping={query.group} />
    </>
  );
}

function lastDayOf(range: DayRange): string {
  return new Date(Date.parse(`${range.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function PeriodControls({ query }: { query: OverviewQuery }) {
  const custom = query.from !== undefined;
  const change = (next: Partial<OverviewQuery>) => {
    const merged = { ...query, ...next };
    if (next.period) Object.assign(merged, { from: undefined, to: undefined });
    navigate(`/${writeOverviewQuery(merged)}`);
  };
  return (
    <form class="controls" onSubmit={(event) => event.preventDefault()}>
      <Field label="Period" name="period">
        {(control) => (
          <select
            {...control}
            name="period"
            value={custom ? 'custom' : query.period}
            onChange={(event) => change({ period: event.currentTarget.value as PeriodPreset })}
          >
            {custom && <option value="custom">{`${query.from} to ${query.to}`}</option>}
            {PERIOD_PRESETS.map((preset) => (
              <option key={preset} value={preset}>
                {PERIOD_LABELS[preset]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Group by" name="group">
        {(control) => (
          <select
            {...control}
            name="group"
            value={query.group}
            onChange={(event) => change({ group: event.currentTarget.value as Grouping })}
          >
            {GROUPINGS.map((grouping) => (
              <option key={grouping} value={grouping}>
                {grouping[0]?.toUpperCase()}
                {grouping.slice(1)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </form>
  );
}

function MonthToDate({ today }: { today: string }) {
  const [spend, reload] = useResource(spendPath(monthToDate(today), 'provider'), SpendSchema);
  const elapsed = dayOfMonth(today);
  const length = daysInMonth(today);
  return (
    <section class="month" aria-labelledby="month-heading">
      <h2 id="month-heading" class="visually-hidden">
        {formatMonth(today)}
      </h2>
      <Show resource={spend} what="This month's spend" lines={2} onRetry={reload}>
        {(value) =>
          value.totals.length === 0 ? (
            <div class="card">
              <Empty title={`No spend recorded in ${formatMonth(today)} yet.`}>
                <Link href="/connections">Connect a provider</Link>; its first sync brings in the
                last 90 days within a minute or two.
              </Empty>
            </div>
          ) : (
            <div class="grid cards">
              {value.totals.map((total) => (
                <article class="card metric" key={total.currency} data-currency={total.currency}>
                  <p class="metric-label">{formatMonth(today)} so far</p>
                  <p class="metric-value" data-testid="month-total">
                    <Money amount={total.amount} currency={total.currency} />
                  </p>
                  <p class="metric-exact muted">
                    Exactly{' '}
                    <span data-testid="month-total-exact">
                      <Money amount={total.amount} currency={total.currency} precision="exact" />
                    </span>
                  </p>
                  <p class="metric-forecast">
                    Forecast for the month:{' '}
                    <Money
                      amount={formatMicros(forecastMicros(total.amountMicros, elapsed, length))}
                      currency={total.currency}
                    />
                    <span class="muted">
                      {' '}
                      at the daily rate of the {elapsed} {elapsed === 1 ? 'day' : 'days'} so far
                    </span>
                  </p>
                </article>
              ))}
            </div>
          )
        }
      </Show>
    </section>
  );
}

function DailyChart({ range }: { range: DayRange }) {
  const path = `/api/v1/spend/daily?from=${range.from}&to=${range.to}`;
  const [daily, reload] = useResource(path, DailySpendSchema);
  const stacks = useMemo(
    () => (daily.state === 'ready' ? stackByProvider(daily.value.days, range) : []),
    [daily, range.from, range.to],
  );
  return (
    <div class="chart-area">
      <Show resource={daily} what="The daily chart" lines={6} onRetry={reload}>
        {() =>
          stacks.length === 0 ? (
            <Empty title="No spend in this period.">
              Pick a longer period above, or <Link href="/connections">connect a provider</Link>.
            </Empty>
          ) : (
            stacks.map((stack) => <SpendChart key={stack.currency} stack={stack} />)
          )
        }
      </Show>
    </div>
  );
}

function useConnectionLabels(): Map<string, Connection> {
  const [connections] = useResource('/api/v1/connections', ConnectionListSchema);
  return useMemo(() => {
    const list = connections.state === 'ready' ? connections.value.connections : [];
    return new Map(list.map((connection) => [connection.id, connection]));
  }, [connections]);
}

function groupLabel(groupBy: string, key: string, labels: Map<string, Connection>): string {
  if (groupBy === 'provider') return providerName(key);
  if (groupBy === 'day') return formatDay(key);
  if (groupBy === 'connection') {
    const connection = labels.get(key);
    return connection
      ? `${connection.label} (${providerName(connection.provider)})`
      : `${key} (revoked)`;
  }
  return key;
}

function TopSpend({ title, range, groupBy }: { title: string; range: DayRange; groupBy: string }) {
  const [spend, reload] = useResource(spendPath(range, groupBy), SpendSchema);
  const labels = useConnectionLabels();
  return (
    <section class="card" aria-label={title}>
      <h2>{title}</h2>
      <Show resource={spend} what={title} lines={TOP_COUNT} onRetry={reload}>
        {(value) => (
          <SpendTable
            rows={value.rows}
            label={(key) => groupLabel(groupBy, key, labels)}
            limit={TOP_COUNT}
            heading={groupBy}
          />
        )}
      </Show>
    </section>
  );
}

function Breakdown({ range, grouping }: { range: DayRange; grouping: Grouping }) {
  const [spend, reload] = useResource(spendPath(range, grouping), SpendSchema);
  const labels = useConnectionLabels();
  const heading = `Spend by ${grouping}`;
  const unsupported = spend.state === 'failed' && spend.problem.field === 'group_by';
  return (
    <section class="card" aria-label={heading}>
      <h2>{heading}</h2>
      {unsupported ? (
        <NotAvailableYet what={`Grouping by ${grouping}`} />
      ) : (
        <Show resource={spend} what={heading} lines={6} onRetry={reload}>
          {(value) => (
            <SpendTable
              rows={value.rows}
              label={(key) => groupLabel(grouping, key, labels)}
              heading={grouping}
            />
          )}
        </Show>
      )}
    </section>
  );
}

interface SpendTableProps {
  rows: SpendRow[];
  label: (key: string) => string;
  heading: string;
  limit?: number;
}

/** Rows of spend, one currency after another (never summed across currencies). */
function SpendTable({ rows, label, heading, limit }: SpendTableProps) {
  if (rows.length === 0) return <Empty title="No spend in this period." />;
  const currencies = [...new Set(rows.map((row) => row.currency))];
  return (
    <>
      {currencies.map((currency) => {
        const ofCurrency = rows.filter((row) => row.currency === currency);
        const shown = limit === undefined ? ofCurrency : ofCurrency.slice(0, limit);
        return (
          <div class="table-scroll" key={currency}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{heading[0]?.toUpperCase() + heading.slice(1)}</th>
                  <th scope="col" class="number">
                    Spend ({currency})
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{label(row.key)}</th>
                    <td class="number">
                      <Money amount={row.amount} currency={row.currency} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {limit !== undefined && ofCurrency.length > limit && (
              <p class="muted small">and {ofCurrency.length - limit} more</p>
            )}
          </div>
        );
      })}
    </>
  );
}
