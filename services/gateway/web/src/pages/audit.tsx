import { useState } from 'preact/hooks';
import { callApi, downloadFile } from '../api/client';
import type { Problem } from '../api/problem';
import { useResource } from '../api/resource';
import {
  AuditPageSchema,
  ChainVerdictSchema,
  ConnectionListSchema,
  type AuditEvent,
  type ChainVerdict,
} from '../api/schemas';
import { Field, useSubmit } from '../components/form';
import { Empty, ProblemNotice, Show } from '../components/status';
import { describeAction, describeActor } from '../format/audit';
import { formatInstant } from '../format/dates';
import { providerName } from '../format/providers';
import { useMe } from '../state/workspace';

const PAGE_SIZE = 100;

function auditPath(connection: string, after: number | null): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (connection !== '') params.set('connection', connection);
  if (after !== null) params.set('after', String(after));
  return `/api/v1/audit?${params.toString()}`;
}

/** The workspace's audit events, filterable by connection; chain check; CSV download. */
export function AuditPage() {
  const [connection, setConnection] = useState('');
  return (
    <>
      <div class="page-head">
        <h1>Audit log</h1>
        <ConnectionFilter value={connection} onChange={setConnection} />
      </div>
      <p class="lead">
        Every decrypt of a key is written here before the key leaves the vault. Each event carries
        the hash of the one before it, so a changed or missing event breaks the chain.
      </p>
      <div class="grid two">
        <VerifyChain />
        <CsvDownload connection={connection} />
      </div>
      <Events key={connection} connection={connection} />
    </>
  );
}

function ConnectionFilter({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const [connections] = useResource('/api/v1/connections', ConnectionListSchema);
  const list = connections.state === 'ready' ? connections.value.connections : [];
  return (
    <form class="controls" onSubmit={(event) => event.preventDefault()}>
      <Field label="Connection" name="connection">
        {(control) => (
          <select
            {...control}
            name="connection"
            value={value}
            onChange={(event) => onChange(event.currentTarget.value)}
          >
            <option value="">All events</option>
            {list.map((connection) => (
              <option key={connection.id} value={connection.id}>
                {connection.label} ({providerName(connection.provider)})
              </option>
            ))}
          </select>
        )}
      </Field>
    </form>
  );
}

function VerifyChain() {
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null);
  const { busy, problem, submit } = useSubmit(
    () => callApi('/api/v1/audit/verify', ChainVerdictSchema),
    setVerdict,
  );
  return (
    <section class="card stack" aria-labelledby="verify-heading">
      <h2 id="verify-heading">Check the chain</h2>
      <p class="muted small">Recomputes every event's hash from the first one.</p>
      <div>
        <button type="button" class="button secondary" disabled={busy} onClick={() => submit()}>
          {busy ? 'Checking…' : 'Verify the chain'}
        </button>
      </div>
      <div aria-live="polite">
        {verdict && <VerdictText verdict={verdict} />}
        {problem && <ProblemNotice problem={problem} />}
      </div>
    </section>
  );
}

function VerdictText({ verdict }: { verdict: ChainVerdict }) {
  if (verdict.intact) {
    return (
      <p class="verdict good" data-testid="chain-verdict">
        Intact: all {verdict.events} events link up. Latest hash{' '}
        <code>{verdict.headHash.slice(0, 16)}…</code>
      </p>
    );
  }
  return (
    <p class="verdict bad" data-testid="chain-verdict">
      Broken at event {verdict.brokenAt} of {verdict.events}: {verdict.reason}
    </p>
  );
}

function CsvDownload({ connection }: { connection: string }) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    const params = new URLSearchParams({ limit: '500' });
    if (connection !== '') params.set('connection', connection);
    const result = await downloadFile(
      `/api/v1/audit?${params.toString()}`,
      'stax-audit.csv',
      'text/csv',
    );
    setBusy(false);
    setProblem(result.ok ? null : result.problem);
  };
  return (
    <section class="card stack" aria-labelledby="csv-heading">
      <h2 id="csv-heading">Download</h2>
      <p class="muted small">The latest 500 events as CSV, hashes included, to check offline.</p>
      <div>
        <button
          type="button"
          class="button secondary"
          disabled={busy}
          onClick={() => void download()}
        >
          {busy ? 'Preparing…' : 'Download CSV'}
        </button>
      </div>
      {problem && <ProblemNotice problem={problem} />}
    </section>
  );
}

function Events({ connection }: { connection: string }) {
  const [after, setAfter] = useState<number | null>(null);
  const [earlier, setEarlier] = useState<AuditEvent[]>([]);
  const [page, reload] = useResource(auditPath(connection, after), AuditPageSchema);
  const more = (events: AuditEvent[], nextAfter: number) => {
    setEarlier((current) => [...current, ...events]);
    setAfter(nextAfter);
  };
  return (
    <section class="card" aria-labelledby="events-heading">
      <h2 id="events-heading">Events</h2>
      <Show resource={page} what="Audit events" lines={8} onRetry={reload}>
        {(value) => {
          const events = [...earlier, ...value.events];
          if (events.length === 0) {
            return (
              <Empty title="No events yet.">Signing in and connecting a provider add some.</Empty>
            );
          }
          return (
            <>
              <EventTable events={events} />
              {value.nextAfter !== null && (
                <button
                  type="button"
                  class="button secondary"
                  onClick={() => more(value.events, value.nextAfter ?? 0)}
                >
                  Show more
                </button>
              )}
            </>
          );
        }}
      </Show>
    </section>
  );
}

function EventTable({ events }: { events: AuditEvent[] }) {
  const me = useMe();
  const zone = me.workspace.timeZone;
  return (
    <div class="table-scroll">
      <table class="events">
        <thead>
          <tr>
            <th scope="col" class="number">
              #
            </th>
            <th scope="col">When ({zone})</th>
            <th scope="col">What</th>
            <th scope="col">Outcome</th>
            <th scope="col">Who</th>
            <th scope="col">Request</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.seq}>
              <td class="number">{event.seq}</td>
              <td>
                <time dateTime={event.at}>{formatInstant(event.at, zone)}</time>
              </td>
              <td>{describeAction(event.action)}</td>
              <td>
                <span class={`badge ${event.outcome === 'success' ? 'good' : 'bad'}`}>
                  {event.outcome}
                </span>
              </td>
              <td class="small">{describeActor(event, me.user)}</td>
              <td>
                <code class="small">{event.requestId}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
