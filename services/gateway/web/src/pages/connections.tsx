import { useState } from 'preact/hooks';
import { callApi } from '../api/client';
import { useResource } from '../api/resource';
import {
  AcceptedSchema,
  ConnectionListSchema,
  ConnectionSchema,
  NoContentSchema,
  type Connection,
} from '../api/schemas';
import { Field, useSubmit } from '../components/form';
import { Empty, NotAvailableYet, ProblemNotice, Show } from '../components/status';
import {
  anySyncing,
  describeProgress,
  describeRun,
  describeStatus,
  nextStep,
} from '../format/connection-status';
import { formatAgo, formatInstant } from '../format/dates';
import { providerName } from '../format/providers';
import { canManage, useMe } from '../state/workspace';
import { ProviderMatrix, useApiProviders } from './providers';

const SYNC_POLL_MS = 2000;

/** The workspace's connections, a form to add one, and the providers as Stax connects them. */
export function ConnectionsPage() {
  const me = useMe();
  const [list, reload] = useResource('/api/v1/connections', ConnectionListSchema, {
    pollMs: SYNC_POLL_MS,
    pollWhile: (value) => anySyncing(value.connections),
  });
  return (
    <>
      <div class="page-head">
        <h1>Connections</h1>
      </div>
      <section class="stack" aria-label="Your connections">
        <Show resource={list} what="Connections" lines={4} onRetry={reload}>
          {(value) =>
            value.connections.length === 0 ? (
              <div class="card">
                <Empty title="No provider is connected yet.">
                  Paste an admin key below. Stax checks it with one billing call, encrypts it, and
                  pulls the last 90 days of spend.
                </Empty>
              </div>
            ) : (
              <div class="grid cards">
                {value.connections.map((connection) => (
                  <ConnectionCard key={connection.id} connection={connection} onChange={reload} />
                ))}
              </div>
            )
          }
        </Show>
      </section>
      {canManage(me) && <ConnectForms onConnected={reload} />}
      <ProviderMatrix />
    </>
  );
}

const KINDS = [
  { kind: 'api', label: 'Admin API key' },
  { kind: 'import', label: 'Import a file' },
  { kind: 'subscription', label: 'Subscription' },
] as const;

function ConnectForms({ onConnected }: { onConnected: () => void }) {
  const [kind, setKind] = useState<(typeof KINDS)[number]['kind']>('api');
  return (
    <section class="card" aria-labelledby="connect-heading">
      <h2 id="connect-heading">Connect a provider</h2>
      <div class="tabs" role="group" aria-label="How to connect">
        {KINDS.map((entry) => (
          <button
            key={entry.kind}
            type="button"
            class="tab"
            aria-pressed={kind === entry.kind}
            onClick={() => setKind(entry.kind)}
          >
            {entry.label}
          </button>
        ))}
      </div>
      {kind === 'api' && <ConnectApiForm onConnected={onConnected} />}
      {kind === 'import' && <NotAvailableYet what="Importing invoices and usage exports" />}
      {kind === 'subscription' && <NotAvailableYet what="Adding a subscription" />}
    </section>
  );
}

function ConnectApiForm({ onConnected }: { onConnected: () => void }) {
  const providers = useApiProviders();
  const [provider, setProvider] = useState('');
  const [label, setLabel] = useState('');
  const [credential, setCredential] = useState('');
  const chosen = providers.find((entry) => entry.id === provider) ?? providers[0];
  const { busy, problem, submit } = useSubmit(
    () =>
      callApi('/api/v1/connections', ConnectionSchema, {
        method: 'POST',
        body: { provider: chosen?.id ?? provider, label: label.trim(), credential },
      }),
    () => {
      setLabel('');
      setCredential('');
      onConnected();
    },
  );
  return (
    <form class="stack" onSubmit={submit} noValidate>
      <Field label="Provider" name="provider" problem={problem}>
        {(control) => (
          <select
            {...control}
            name="provider"
            value={chosen?.id}
            onChange={(event) => setProvider(event.currentTarget.value)}
          >
            {providers.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Name" name="label" problem={problem} hint="How this connection is listed.">
        {(control) => (
          <input
            {...control}
            name="label"
            value={label}
            maxLength={100}
            onInput={(event) => setLabel(event.currentTarget.value)}
          />
        )}
      </Field>
      <Field label="Admin key" name="credential" problem={problem} hint={chosen?.keyHint}>
        {(control) => (
          <input
            {...control}
            name="credential"
            type="password"
            autoComplete="off"
            spellcheck={false}
            value={credential}
            onInput={(event) => setCredential(event.currentTarget.value)}
          />
        )}
      </Field>
      {problem && !['provider', 'label', 'credential'].includes(problem.field ?? '') && (
        <ProblemNotice problem={problem} />
      )}
      <div>
        <button type="submit" class="button" disabled={busy}>
          {busy ? 'Checking the key…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}

function ConnectionCard({
  connection,
  onChange,
}: {
  connection: Connection;
  onChange: () => void;
}) {
  const me = useMe();
  const status = describeStatus(connection.status);
  const step = nextStep(connection.status);
  const zone = me.workspace.timeZone;
  return (
    <article class="card connection" data-connection={connection.id} aria-label={connection.label}>
      <header class="connection-head">
        <div>
          <h3>{connection.label}</h3>
          <p class="muted small">
            {providerName(connection.provider)} ·{' '}
            {connection.kind === 'api' ? 'API' : connection.kind}
          </p>
        </div>
        <span class={`badge ${status.tone}`} data-status={connection.status}>
          {status.label}
        </span>
      </header>
      <dl class="facts">
        <dt>Last sync</dt>
        <dd>
          {connection.lastSyncedAt ? (
            <time
              dateTime={connection.lastSyncedAt}
              title={formatInstant(connection.lastSyncedAt, zone)}
            >
              {formatAgo(connection.lastSyncedAt, new Date())}
            </time>
          ) : (
            'Not yet'
          )}
        </dd>
        {connection.status === 'ok' && connection.sync.records > 0 && (
          <>
            <dt>Last run</dt>
            <dd>{describeRun(connection)}</dd>
          </>
        )}
        {connection.status === 'syncing' && (
          <>
            <dt>Progress</dt>
            <dd aria-live="polite">{describeProgress(connection)}</dd>
          </>
        )}
      </dl>
      {connection.lastError && (
        <div class="connection-error" role="note">
          <p>{connection.lastError}</p>
          {step && <p class="muted small">{step}</p>}
        </div>
      )}
      {canManage(me) && <ConnectionActions connection={connection} onChange={onChange} />}
    </article>
  );
}

type Panel = 'none' | 'rotate' | 'revoke';

function ConnectionActions({
  connection,
  onChange,
}: {
  connection: Connection;
  onChange: () => void;
}) {
  const [panel, setPanel] = useState<Panel>('none');
  const sync = useSubmit(
    () => callApi(`/api/v1/connections/${connection.id}/sync`, AcceptedSchema, { method: 'POST' }),
    onChange,
  );
  const toggle = (next: Panel) => setPanel((current) => (current === next ? 'none' : next));
  return (
    <div class="stack">
      <div class="actions">
        <button
          type="button"
          class="button secondary small"
          disabled={sync.busy}
          onClick={() => sync.submit()}
        >
          {sync.busy ? 'Asking…' : 'Sync now'}
        </button>
        <button
          type="button"
          class="button secondary small"
          aria-expanded={panel === 'rotate'}
          onClick={() => toggle('rotate')}
        >
          Rotate key
        </button>
        <button
          type="button"
          class="button danger small"
          aria-expanded={panel === 'revoke'}
          onClick={() => toggle('revoke')}
        >
          Revoke
        </button>
      </div>
      {sync.problem && <ProblemNotice problem={sync.problem} />}
      {panel === 'rotate' && (
        <RotateForm
          connection={connection}
          onDone={() => {
            setPanel('none');
            onChange();
          }}
        />
      )}
      {panel === 'revoke' && (
        <RevokeConfirm
          connection={connection}
          onCancel={() => setPanel('none')}
          onDone={onChange}
        />
      )}
    </div>
  );
}

function RotateForm({ connection, onDone }: { connection: Connection; onDone: () => void }) {
  const [credential, setCredential] = useState('');
  const { busy, problem, submit } = useSubmit(
    () =>
      callApi(`/api/v1/connections/${connection.id}/credential`, ConnectionSchema, {
        method: 'PUT',
        body: { credential },
      }),
    onDone,
  );
  return (
    <form class="stack inset" onSubmit={submit} noValidate>
      <Field
        label="New admin key"
        name="credential"
        problem={problem}
        hint="Replaces the key in place: the connection and its spend stay as they are."
      >
        {(control) => (
          <input
            {...control}
            name="credential"
            type="password"
            autoComplete="off"
            value={credential}
            onInput={(event) => setCredential(event.currentTarget.value)}
          />
        )}
      </Field>
      {problem && problem.field !== 'credential' && <ProblemNotice problem={problem} />}
      <div>
        <button type="submit" class="button small" disabled={busy}>
          {busy ? 'Checking the key…' : 'Replace the key'}
        </button>
      </div>
    </form>
  );
}

function RevokeConfirm(props: {
  connection: Connection;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { connection, onCancel, onDone } = props;
  const { busy, problem, submit } = useSubmit(
    () => callApi(`/api/v1/connections/${connection.id}`, NoContentSchema, { method: 'DELETE' }),
    onDone,
  );
  return (
    <div class="inset confirm" role="group" aria-label={`Revoke ${connection.label}`}>
      <p>
        Revoke <strong>{connection.label}</strong>? Stax deletes its encrypted key at once and stops
        syncing it. Spend already pulled stays until you delete it under Settings.
      </p>
      {problem && <ProblemNotice problem={problem} />}
      <div class="actions">
        <button type="button" class="button danger small" disabled={busy} onClick={() => submit()}>
          {busy ? 'Revoking…' : 'Yes, revoke it'}
        </button>
        <button type="button" class="button secondary small" onClick={onCancel}>
          Keep it
        </button>
      </div>
    </div>
  );
}
