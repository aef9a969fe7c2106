import { useState } from 'preact/hooks';
import { z } from 'zod';
import { callApi } from '../api/client';
import { useResource } from '../api/resource';
import { NoContentSchema } from '../api/schemas';
import { Field, useSubmit } from '../components/form';
import { Money } from '../components/money';
import { Empty, ProblemNotice, Show } from '../components/status';
import { canManage, useMe } from '../state/workspace';

const RuleSchema = z.object({ field: z.string(), match: z.string(), value: z.string() });
type Rule = z.infer<typeof RuleSchema>;
const TagSchema = z.object({
  id: z.string(),
  name: z.string(),
  priority: z.number(),
  rules: z.array(RuleSchema),
});
type Tag = z.infer<typeof TagSchema>;
const TagListSchema = z.object({ tags: z.array(TagSchema) });
const PreviewSchema = z.object({
  from: z.string(),
  to: z.string(),
  records: z.number().int(),
  totals: z.array(z.object({ currency: z.string(), amount: z.string() })),
});
type Preview = z.infer<typeof PreviewSchema>;

const FIELDS = ['provider', 'connection', 'model', 'project', 'key'] as const;

/** Tag rules, and what a rule matches before it is saved. */
export function TagsPage() {
  const me = useMe();
  const [tags, reload] = useResource('/api/v1/tags', TagListSchema);
  return (
    <>
      <div class="page-head">
        <h1>Tags</h1>
      </div>
      <p class="lead">
        A tag names spend by rules on its provider, connection, model, project or key. When several
        tags match a record, the lowest priority number wins; the overview can group spend by tag.
      </p>
      <section class="card" aria-labelledby="rules-heading">
        <h2 id="rules-heading">Tags and their rules</h2>
        <Show resource={tags} what="Tagging" lines={3} onRetry={reload}>
          {(value) =>
            value.tags.length === 0 ? (
              <Empty title="No tags yet.">Write a rule below and see what it matches first.</Empty>
            ) : (
              <TagTable tags={value.tags} onChange={reload} />
            )
          }
        </Show>
      </section>
      {canManage(me) && tags.state === 'ready' && <NewTag onCreated={reload} />}
    </>
  );
}

function ruleWords(rule: Rule): string {
  return `${rule.field} ${rule.match === 'prefix' ? 'starts with' : 'is'} "${rule.value}"`;
}

function TagTable({ tags, onChange }: { tags: Tag[]; onChange: () => void }) {
  const me = useMe();
  return (
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">Tag</th>
            <th scope="col">Matches when any of</th>
            <th scope="col" class="number">
              Priority
            </th>
            {canManage(me) && (
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {tags.map((tag) => (
            <tr key={tag.id}>
              <th scope="row">{tag.name}</th>
              <td>{tag.rules.map(ruleWords).join('; ')}</td>
              <td class="number">{tag.priority}</td>
              {canManage(me) && (
                <td>
                  <DeleteTag tag={tag} onDone={onChange} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DeleteTag({ tag, onDone }: { tag: Tag; onDone: () => void }) {
  const { busy, problem, submit } = useSubmit(
    () => callApi(`/api/v1/tags/${tag.id}`, NoContentSchema, { method: 'DELETE' }),
    onDone,
  );
  return (
    <>
      <button
        type="button"
        class="button danger small"
        disabled={busy}
        aria-label={`Delete tag ${tag.name}`}
        onClick={() => submit()}
      >
        Delete
      </button>
      {problem && <ProblemNotice problem={problem} />}
    </>
  );
}

function NewTag({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [rule, setRule] = useState<Rule>({ field: 'model', match: 'prefix', value: '' });
  const [preview, setPreview] = useState<Preview | null>(null);
  const rules = [{ ...rule, value: rule.value.trim() }];
  const check = useSubmit(
    () => callApi('/api/v1/tags/preview', PreviewSchema, { method: 'POST', body: { rules } }),
    setPreview,
  );
  const save = useSubmit(
    () =>
      callApi('/api/v1/tags', TagSchema, { method: 'POST', body: { name: name.trim(), rules } }),
    () => {
      setName('');
      setPreview(null);
      onCreated();
    },
  );
  const change = (next: Partial<Rule>) => {
    setRule({ ...rule, ...next });
    setPreview(null);
  };
  const problem = save.problem ?? check.problem;
  return (
    <section class="card stack" aria-labelledby="new-tag-heading">
      <h2 id="new-tag-heading">New tag</h2>
      <form class="inline-form" onSubmit={save.submit} noValidate>
        <Field label="Tag name" name="name" problem={problem}>
          {(control) => (
            <input
              {...control}
              value={name}
              maxLength={64}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="When the" name="rules.0.field" problem={problem}>
          {(control) => (
            <select
              {...control}
              value={rule.field}
              onChange={(e) => change({ field: e.currentTarget.value })}
            >
              {FIELDS.map((field) => (
                <option key={field} value={field}>
                  {field}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Matches" name="rules.0.match" problem={problem}>
          {(control) => (
            <select
              {...control}
              value={rule.match}
              onChange={(e) => change({ match: e.currentTarget.value })}
            >
              <option value="prefix">starts with</option>
              <option value="exact">is exactly</option>
            </select>
          )}
        </Field>
        <Field label="Value" name="rules.0.value" problem={problem}>
          {(control) => (
            <input
              {...control}
              value={rule.value}
              onInput={(e) => change({ value: e.currentTarget.value })}
            />
          )}
        </Field>
        <div class="actions">
          <button
            type="button"
            class="button secondary"
            disabled={check.busy}
            onClick={() => check.submit()}
          >
            {check.busy ? 'Looking…' : 'See what it matches'}
          </button>
          <button type="submit" class="button" disabled={save.busy || preview === null}>
            Save tag
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {preview && <PreviewText preview={preview} />}
        {problem && !problem.field && <ProblemNotice problem={problem} />}
      </div>
    </section>
  );
}

function PreviewText({ preview }: { preview: Preview }) {
  if (preview.records === 0) {
    return (
      <p class="note">
        Nothing from {preview.from} to {preview.to} matches this rule.
      </p>
    );
  }
  return (
    <p class="note">
      From {preview.from} to {preview.to} this rule matches {preview.records} records:{' '}
      {preview.totals.map((total, index) => (
        <span key={total.currency}>
          {index > 0 && ', '}
          <Money amount={total.amount} currency={total.currency} />
        </span>
      ))}
      .
    </p>
  );
}
