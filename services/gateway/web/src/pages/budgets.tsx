import { useState } from 'preact/hooks';
import { callApi } from '../api/client';
import {
  AlertListSchema,
  BudgetListSchema,
  BudgetSchema,
  type Alert,
  type Budget,
} from '../api/budget-schemas';
import { useResource } from '../api/resource';
import { NoContentSchema } from '../api/schemas';
import { Field, useSubmit } from '../components/form';
import { Money } from '../components/money';
import { Empty, ProblemNotice, Show } from '../components/status';
import { formatDay, formatInstant } from '../format/dates';
import { providerName } from '../format/providers';
import { barPermille, parseThresholds, percentOf } from '../state/budget-bar';
import { canManage, useMe } from '../state/workspace';

/** Budgets with their spend against amount and forecast; thresholds; the alert history. */
export function BudgetsPage() {
  const me = useMe();
  const [budgets, reload] = useResource('/api/v1/budgets', BudgetListSchema);
  return (
    <>
      <div class="page-head">
        <h1>Budgets and alerts</h1>
      </div>
      <section class="stack" aria-label="Budgets">
        <Show resource={budgets} what="Budgets" lines={4} onRetry={reload}>
          {(value) =>
            value.budgets.length === 0 ? (
              <div class="card">
                <Empty title="No budgets yet.">
                  Set one below: Stax emails the workspace when spend or its forecast crosses a
                  threshold.
                </Empty>
              </div>
            ) : (
              <div class="grid cards">
                {value.budgets.map((budget) => (
                  <BudgetCard key={budget.id} budget={budget} onChange={reload} />
                ))}
              </div>
            )
          }
        </Show>
      </section>
      {canManage(me) && budgets.state !== 'unavailable' && <CreateBudget onCreated={reload} />}
      <AlertHistory />
    </>
  );
}

const STATE_WORDS: Record<string, { label: string; tone: string }> = {
  on_track: { label: 'On track', tone: 'good' },
  at_risk: { label: 'Forecast over', tone: 'warn' },
  over: { label: 'Over budget', tone: 'bad' },
};

function scopeWords(scope: Budget['scope']): string {
  if (scope.kind === 'workspace' || scope.value === null) return 'All spend';
  if (scope.kind === 'provider') return providerName(scope.value);
  return `${scope.kind} ${scope.value}`;
}

function BudgetCard({ budget, onChange }: { budget: Budget; onChange: () => void }) {
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const state = STATE_WORDS[budget.state] ?? { label: budget.state, tone: 'info' };
  return (
    <article class="card budget" aria-label={budget.name} data-budget={budget.id}>
      <header class="connection-head">
        <div>
          <h3>{budget.name}</h3>
          <p class="muted small">
            {scopeWords(budget.scope)} · per {budget.period} · {formatDay(budget.current.startDate)}{' '}
            to {formatDay(budget.current.endDate)}
          </p>
        </div>
        <span class={`badge ${state.tone}`}>{state.label}</span>
      </header>
      <BudgetBar budget={budget} />
      <p class="small">
        <Money amount={budget.spend.amount} currency={budget.currency} /> of{' '}
        <strong data-testid="budget-amount">
          <Money amount={budget.amount} currency={budget.currency} />
        </strong>{' '}
        ({percentOf(budget.spend.amountMicros, budget.amountMicros)}%)
        {budget.forecast.ready && (
          <>
            {' '}
            · forecast <Money amount={budget.forecast.amount} currency={budget.currency} />
          </>
        )}
      </p>
      {budget.thresholds.length > 0 && (
        <p class="muted small">
          Alerts at{' '}
          {budget.thresholds
            .map(
              (t) =>
                `${t.percent}% ${t.basis === 'forecast' ? 'forecast' : 'spent'}${t.reached ? ' (reached)' : ''}`,
            )
            .join(', ')}
        </p>
      )}
      {canManage(me) && (
        <div class="actions">
          <button
            type="button"
            class="button secondary small"
            aria-expanded={editing}
            onClick={() => setEditing(!editing)}
          >
            Edit
          </button>
          <DeleteBudget budget={budget} onDone={onChange} />
        </div>
      )}
      {editing && (
        <EditBudget
          budget={budget}
          onDone={() => {
            setEditing(false);
            onChange();
          }}
        />
      )}
    </article>
  );
}

/** Spend against the amount, with the forecast marked; words carry the figures. */
function BudgetBar({ budget }: { budget: Budget }) {
  const spent = barPermille(budget.spend.amountMicros, budget.amountMicros);
  const forecast = barPermille(budget.forecast.amountMicros, budget.amountMicros);
  return (
    <div class="budget-bar" aria-hidden="true">
      <div class={`budget-fill ${budget.state}`} style={{ width: `${spent / 10}%` }} />
      {budget.forecast.ready && (
        <div class="budget-forecast" style={{ left: `${forecast / 10}%` }} title="Forecast" />
      )}
    </div>
  );
}

function DeleteBudget({ budget, onDone }: { budget: Budget; onDone: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const { busy, problem, submit } = useSubmit(
    () => callApi(`/api/v1/budgets/${budget.id}`, NoContentSchema, { method: 'DELETE' }),
    onDone,
  );
  if (!confirming) {
    return (
      <button type="button" class="button danger small" onClick={() => setConfirming(true)}>
        Delete
      </button>
    );
  }
  return (
    <span class="actions">
      <button type="button" class="button danger small" disabled={busy} onClick={() => submit()}>
        Delete {budget.name}
      </button>
      <button type="button" class="button secondary small" onClick={() => setConfirming(false)}>
        Keep it
      </button>
      {problem && <ProblemNotice problem={problem} />}
    </span>
  );
}

interface BudgetDraft {
  name: string;
  amount: string;
  currency: string;
  period: string;
  scopeKind: string;
  scopeValue: string;
  thresholds: string;
  basis: string;
}

const EMPTY_DRAFT: BudgetDraft = {
  name: '',
  amount: '',
  currency: 'USD',
  period: 'month',
  scopeKind: 'workspace',
  scopeValue: '',
  thresholds: '80, 100',
  basis: 'actual',
};

function bodyOf(draft: BudgetDraft) {
  const percents = parseThresholds(draft.thresholds) ?? [];
  return {
    name: draft.name.trim(),
    amount: draft.amount.trim(),
    currency: draft.currency.trim().toUpperCase(),
    period: draft.period,
    scope:
      draft.scopeKind === 'workspace'
        ? { kind: 'workspace' }
        : { kind: draft.scopeKind, value: draft.scopeValue.trim() },
    thresholds: percents.map((percent) => ({ percent, basis: draft.basis })),
  };
}

function CreateBudget({ onCreated }: { onCreated: () => void }) {
  const [draft, setDraft] = useState<BudgetDraft>(EMPTY_DRAFT);
  const { busy, problem, submit } = useSubmit(
    () => callApi('/api/v1/budgets', BudgetSchema, { method: 'POST', body: bodyOf(draft) }),
    () => {
      setDraft(EMPTY_DRAFT);
      onCreated();
    },
  );
  return (
    <section class="card" aria-labelledby="new-budget-heading">
      <h2 id="new-budget-heading">New budget</h2>
      <form class="stack" onSubmit={submit} noValidate>
        <BudgetFields draft={draft} onDraft={setDraft} problem={problem} />
        {problem && !problem.field && <ProblemNotice problem={problem} />}
        <div>
          <button type="submit" class="button" disabled={busy}>
            {busy ? 'Saving…' : 'Create budget'}
          </button>
        </div>
      </form>
    </section>
  );
}

function EditBudget({ budget, onDone }: { budget: Budget; onDone: () => void }) {
  const [amount, setAmount] = useState(budget.amount);
  const [thresholds, setThresholds] = useState(budget.thresholds.map((t) => t.percent).join(', '));
  const basis = budget.thresholds[0]?.basis ?? 'actual';
  const { busy, problem, submit } = useSubmit(
    () =>
      callApi(`/api/v1/budgets/${budget.id}`, BudgetSchema, {
        method: 'PATCH',
        body: {
          amount: amount.trim(),
          thresholds: (parseThresholds(thresholds) ?? []).map((percent) => ({ percent, basis })),
        },
      }),
    onDone,
  );
  return (
    <form class="stack inset" onSubmit={submit} noValidate>
      <Field label={`Amount (${budget.currency})`} name="amount" problem={problem}>
        {(control) => (
          <input
            {...control}
            inputMode="decimal"
            value={amount}
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label="Alert at (% of the budget)" name="thresholds" problem={problem}>
        {(control) => (
          <input
            {...control}
            value={thresholds}
            onInput={(e) => setThresholds(e.currentTarget.value)}
          />
        )}
      </Field>
      {problem && !['amount', 'thresholds'].includes(problem.field ?? '') && (
        <ProblemNotice problem={problem} />
      )}
      <div>
        <button type="submit" class="button small" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

function BudgetFields(props: {
  draft: BudgetDraft;
  onDraft: (draft: BudgetDraft) => void;
  problem: ReturnType<typeof useSubmit>['problem'];
}) {
  const { draft, onDraft, problem } = props;
  const set = (field: keyof BudgetDraft) => (event: { currentTarget: { value: string } }) =>
    onDraft({ ...draft, [field]: event.currentTarget.value });
  return (
    <div class="inline-form">
      <Field label="Name" name="name" problem={problem}>
        {(control) => (
          <input {...control} value={draft.name} maxLength={100} onInput={set('name')} />
        )}
      </Field>
      <Field label="Amount" name="amount" problem={problem} hint="Decimal, as 1000 or 49.99">
        {(control) => (
          <input {...control} inputMode="decimal" value={draft.amount} onInput={set('amount')} />
        )}
      </Field>
      <Field label="Currency" name="currency" problem={problem}>
        {(control) => (
          <input {...control} value={draft.currency} maxLength={3} onInput={set('currency')} />
        )}
      </Field>
      <Field label="Period" name="period" problem={problem}>
        {(control) => (
          <select {...control} value={draft.period} onChange={set('period')}>
            <option value="month">Month</option>
            <option value="quarter">Quarter</option>
            <option value="week">Week</option>
          </select>
        )}
      </Field>
      <Field label="Counts" name="scope.kind" problem={problem}>
        {(control) => (
          <select {...control} value={draft.scopeKind} onChange={set('scopeKind')}>
            <option value="workspace">All spend</option>
            <option value="provider">One provider</option>
            <option value="model">One model</option>
            <option value="connection">One connection</option>
            <option value="tag">One tag</option>
          </select>
        )}
      </Field>
      {draft.scopeKind !== 'workspace' && (
        <Field label={`Which ${draft.scopeKind} (id)`} name="scope.value" problem={problem}>
          {(control) => <input {...control} value={draft.scopeValue} onInput={set('scopeValue')} />}
        </Field>
      )}
      <Field
        label="Alert at (% of the budget)"
        name="thresholds"
        problem={problem}
        hint="As 80, 100"
      >
        {(control) => <input {...control} value={draft.thresholds} onInput={set('thresholds')} />}
      </Field>
      <Field label="Alert on" name="basis" problem={problem}>
        {(control) => (
          <select {...control} value={draft.basis} onChange={set('basis')}>
            <option value="actual">Spend so far</option>
            <option value="forecast">The forecast</option>
          </select>
        )}
      </Field>
    </div>
  );
}

const ALERT_WORDS: Record<string, string> = {
  budget_threshold: 'Budget threshold crossed',
  budget_resolved: 'Budget back under its threshold',
  connection_attention: 'Connection needs attention',
  renewal_upcoming: 'Subscription renews soon',
};

function AlertHistory() {
  const [alerts, reload] = useResource('/api/v1/alerts', AlertListSchema);
  return (
    <section class="card" aria-labelledby="alerts-heading">
      <h2 id="alerts-heading">Alert history</h2>
      <Show resource={alerts} what="Alert history" lines={3} onRetry={reload}>
        {(value) =>
          value.alerts.length === 0 ? (
            <Empty title="No alerts so far." />
          ) : (
            <AlertTable alerts={value.alerts} />
          )
        }
      </Show>
    </section>
  );
}

function AlertTable({ alerts }: { alerts: Alert[] }) {
  const zone = useMe().workspace.timeZone;
  return (
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">When ({zone})</th>
            <th scope="col">What</th>
            <th scope="col">Email</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((alert) => (
            <tr key={alert.id}>
              <td>{formatInstant(alert.createdAt, zone)}</td>
              <td>{ALERT_WORDS[alert.kind] ?? alert.kind}</td>
              <td>{alert.email.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
