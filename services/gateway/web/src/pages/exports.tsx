import { useState } from 'preact/hooks';
import { downloadFile } from '../api/client';
import type { Problem } from '../api/problem';
import { Field } from '../components/form';
import { ProblemNotice } from '../components/status';
import { dayIn, nextDay } from '../format/dates';
import { monthToDate } from '../state/period';
import { useMe } from '../state/workspace';

const GROUPS = ['provider', 'model', 'connection', 'day'] as const;

/** Spend CSV and FOCUS CSV downloads over a chosen range of days. */
export function ExportsPage() {
  const me = useMe();
  const today = dayIn(me.workspace.timeZone, new Date());
  const [from, setFrom] = useState(monthToDate(today).from);
  const [last, setLast] = useState(today);
  const [group, setGroup] = useState<string>('provider');
  const [problem, setProblem] = useState<Problem | null>(null);
  const range = `from=${from}&to=${nextDay(last)}`;

  const download = async (path: string, fileName: string) => {
    const result = await downloadFile(path, fileName, 'text/csv');
    setProblem(result.ok ? null : result.problem);
  };
  return (
    <>
      <div class="page-head">
        <h1>Exports</h1>
      </div>
      <section class="card stack" aria-labelledby="exports-heading">
        <h2 id="exports-heading">Spend as CSV</h2>
        <form class="inline-form" onSubmit={(event) => event.preventDefault()}>
          <Field label="First day" name="from" problem={problem}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={from}
                onInput={(e) => setFrom(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label="Last day" name="to" problem={problem}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={last}
                onInput={(e) => setLast(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label="One row per" name="group_by" problem={problem}>
            {(control) => (
              <select {...control} value={group} onChange={(e) => setGroup(e.currentTarget.value)}>
                {GROUPS.map((entry) => (
                  <option key={entry} value={entry}>
                    {entry} and currency
                  </option>
                ))}
              </select>
            )}
          </Field>
        </form>
        <div class="actions">
          <button
            type="button"
            class="button"
            onClick={() =>
              void download(
                `/api/v1/export/spend.csv?${range}&group_by=${group}`,
                `stax-spend-${from}.csv`,
              )
            }
          >
            Download spend CSV
          </button>
          <button
            type="button"
            class="button secondary"
            onClick={() =>
              void download(`/api/v1/export/focus.csv?${range}`, `stax-focus-${from}.csv`)
            }
          >
            Download FOCUS CSV
          </button>
        </div>
        <p class="muted small">
          Amounts are exact decimal text and micro-units; currencies are never added together. FOCUS
          is the FinOps Foundation's format, one row per charge.
        </p>
        {problem && <ProblemNotice problem={problem} />}
      </section>
    </>
  );
}
