import { useState } from 'preact/hooks';
import { z } from 'zod';
import { callApi } from '../api/client';
import { useResource } from '../api/resource';
import {
  CreatedTokenSchema,
  NoContentSchema,
  TokenListSchema,
  type ApiToken,
  type Role,
} from '../api/schemas';
import { Field, useSubmit } from '../components/form';
import { Empty, ProblemNotice, Show } from '../components/status';
import { formatInstant } from '../format/dates';
import { canManage, useMe } from '../state/workspace';

const MemberListSchema = z.object({
  members: z.array(z.object({ userId: z.string(), email: z.string(), role: z.string() })),
});
const WorkspaceSettingsSchema = z.object({
  name: z.string(),
  timeZone: z.string(),
  retentionDays: z.number().int(),
});
const DeletedSchema = z.object({ deleted: z.object({ total: z.number().int() }) });

/** Members and roles, API tokens, the workspace's time zone and retention, data deletion. */
export function SettingsPage() {
  const me = useMe();
  return (
    <>
      <div class="page-head">
        <h1>Settings</h1>
      </div>
      <Workspace />
      <Members />
      <Tokens />
      {canManage(me) && <DeleteData />}
    </>
  );
}

function Workspace() {
  const me = useMe();
  const [settings, reload] = useResource('/api/v1/workspace', WorkspaceSettingsSchema);
  return (
    <section class="card" aria-labelledby="workspace-heading">
      <h2 id="workspace-heading">Workspace</h2>
      <Show resource={settings} what="Workspace settings" lines={3} onRetry={reload}>
        {(value) =>
          canManage(me) ? (
            <WorkspaceForm settings={value} />
          ) : (
            <dl class="facts">
              <dt>Time zone</dt>
              <dd>{value.timeZone}</dd>
              <dt>Retention</dt>
              <dd>{value.retentionDays} days</dd>
            </dl>
          )
        }
      </Show>
    </section>
  );
}

function WorkspaceForm({ settings }: { settings: z.infer<typeof WorkspaceSettingsSchema> }) {
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [retention, setRetention] = useState(String(settings.retentionDays));
  const [saved, setSaved] = useState(false);
  const { busy, problem, submit } = useSubmit(
    () =>
      callApi('/api/v1/workspace', WorkspaceSettingsSchema, {
        method: 'PATCH',
        body: { timeZone: timeZone.trim(), retentionDays: Number(retention) },
      }),
    // Dates on every page follow the zone: read the workspace again from the start.
    () => {
      setSaved(true);
      window.location.reload();
    },
  );
  return (
    <form class="inline-form" onSubmit={submit} noValidate>
      <Field
        label="Time zone"
        name="timeZone"
        problem={problem}
        hint="As Europe/Paris; dates show in it"
      >
        {(control) => (
          <input
            {...control}
            value={timeZone}
            onInput={(e) => setTimeZone(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label="Keep billing data for (days)" name="retentionDays" problem={problem}>
        {(control) => (
          <input
            {...control}
            inputMode="numeric"
            value={retention}
            onInput={(e) => setRetention(e.currentTarget.value)}
          />
        )}
      </Field>
      <button type="submit" class="button" disabled={busy}>
        {saved ? 'Saved' : busy ? 'Saving…' : 'Save'}
      </button>
      {problem && !['timeZone', 'retentionDays'].includes(problem.field ?? '') && (
        <ProblemNotice problem={problem} />
      )}
    </form>
  );
}

function DeleteData() {
  const [before, setBefore] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState<number | null>(null);
  const query = before === '' ? '' : `?before=${before}`;
  const { busy, problem, submit } = useSubmit(
    () => callApi(`/api/v1/data${query}`, DeletedSchema, { method: 'DELETE' }),
    (value) => {
      setConfirming(false);
      setDeleted(value.deleted.total);
    },
  );
  const what = before === '' ? 'every day' : `every day before ${before}`;
  return (
    <section class="card stack" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete billing data</h2>
      <Field label="Only days before (optional)" name="before" problem={problem}>
        {(control) => (
          <input
            {...control}
            type="date"
            value={before}
            onInput={(e) => setBefore(e.currentTarget.value)}
          />
        )}
      </Field>
      {confirming ? (
        <div class="inset confirm" role="group" aria-label="Confirm deletion">
          <p>
            This deletes the cost and usage records of {what}, from every connection. Connections,
            their keys, budgets, tags and the audit log stay; the next sync pulls back what the
            providers still report.
          </p>
          <div class="actions">
            <button
              type="button"
              class="button danger small"
              disabled={busy}
              onClick={() => submit()}
            >
              {busy ? 'Deleting…' : 'Delete the records'}
            </button>
            <button
              type="button"
              class="button secondary small"
              onClick={() => setConfirming(false)}
            >
              Keep them
            </button>
          </div>
        </div>
      ) : (
        <div>
          <button type="button" class="button danger" onClick={() => setConfirming(true)}>
            Delete billing data…
          </button>
        </div>
      )}
      {deleted !== null && <p role="status">Deleted {deleted} records.</p>}
      {problem && problem.field !== 'before' && <ProblemNotice problem={problem} />}
    </section>
  );
}

function Members() {
  const [members, reload] = useResource('/api/v1/members', MemberListSchema);
  return (
    <section class="card" aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <Show resource={members} what="Members and roles" lines={3} onRetry={reload}>
        {(value) => (
          <ul class="plain-list">
            {value.members.map((member) => (
              <li key={member.email}>
                {member.email} <span class="badge info">{member.role}</span>
              </li>
            ))}
          </ul>
        )}
      </Show>
    </section>
  );
}

function Tokens() {
  const me = useMe();
  const [tokens, reload] = useResource('/api/v1/tokens', TokenListSchema);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  return (
    <section class="card stack" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p class="muted small">
        For scripts and CI. A token is shown once, when it is created; Stax keeps only its hash.
      </p>
      {created && <NewToken created={created} onDismiss={() => setCreated(null)} />}
      <Show resource={tokens} what="API tokens" lines={3} onRetry={reload}>
        {(value) => (
          <TokenTable tokens={value.tokens.filter((token) => !token.revokedAt)} onChange={reload} />
        )}
      </Show>
      {canManage(me) && (
        <CreateToken
          onCreated={(next) => {
            setCreated(next);
            reload();
          }}
        />
      )}
    </section>
  );
}

function NewToken(props: { created: { name: string; token: string }; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(props.created.token).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div class="inset new-token" role="status">
      <p>
        Token <strong>{props.created.name}</strong> created. Copy it now: it is not shown again.
      </p>
      <code class="secret" data-testid="new-token">
        {props.created.token}
      </code>
      <div class="actions">
        <button type="button" class="button small" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" class="button secondary small" onClick={props.onDismiss}>
          Done
        </button>
      </div>
    </div>
  );
}

function TokenTable({ tokens, onChange }: { tokens: ApiToken[]; onChange: () => void }) {
  const me = useMe();
  if (tokens.length === 0) return <Empty title="No API tokens." />;
  return (
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Created</th>
            {canManage(me) && (
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row">{token.name}</th>
              <td>{token.role}</td>
              <td>{formatInstant(token.createdAt, me.workspace.timeZone)}</td>
              {canManage(me) && (
                <td>
                  <RevokeToken token={token} onDone={onChange} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RevokeToken({ token, onDone }: { token: ApiToken; onDone: () => void }) {
  const { busy, problem, submit } = useSubmit(
    () => callApi(`/api/v1/tokens/${token.id}`, NoContentSchema, { method: 'DELETE' }),
    onDone,
  );
  return (
    <>
      <button
        type="button"
        class="button danger small"
        disabled={busy}
        aria-label={`Revoke token ${token.name}`}
        onClick={() => submit()}
      >
        Revoke
      </button>
      {problem && <ProblemNotice problem={problem} />}
    </>
  );
}

function CreateToken({
  onCreated,
}: {
  onCreated: (created: { name: string; token: string }) => void;
}) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const { busy, problem, submit } = useSubmit(
    () =>
      callApi('/api/v1/tokens', CreatedTokenSchema, {
        method: 'POST',
        body: { name: name.trim(), role },
      }),
    (value) => {
      setName('');
      onCreated({ name: value.name, token: value.token });
    },
  );
  return (
    <form class="inline-form" onSubmit={submit} noValidate>
      <Field label="Token name" name="name" problem={problem}>
        {(control) => (
          <input
            {...control}
            name="name"
            value={name}
            maxLength={100}
            onInput={(event) => setName(event.currentTarget.value)}
          />
        )}
      </Field>
      <Field label="Role" name="role" problem={problem}>
        {(control) => (
          <select
            {...control}
            name="role"
            value={role}
            onChange={(event) => setRole(event.currentTarget.value as Role)}
          >
            <option value="viewer">Viewer: reads spend</option>
            <option value="admin">Admin: also connects and syncs</option>
          </select>
        )}
      </Field>
      <button type="submit" class="button" disabled={busy}>
        {busy ? 'Creating…' : 'Create token'}
      </button>
      {problem && !['name', 'role'].includes(problem.field ?? '') && (
        <ProblemNotice problem={problem} />
      )}
    </form>
  );
}
