import { z } from 'zod';
import { useResource } from '../api/resource';
import { Show } from '../components/status';

// The scope matrix as this page reads it. Loose on purpose: the API may say more than this.
const MatrixEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  kinds: z.array(z.string()),
  auth: z.string(),
  scope: z.string(),
  endpoints: z.array(z.string()),
  dataFetched: z.array(z.string()),
  freshness: z.string(),
  history: z.string(),
  readOnly: z.boolean().nullable(),
});
const MatrixSchema = z.object({ providers: z.array(MatrixEntrySchema) });
type MatrixEntry = z.infer<typeof MatrixEntrySchema>;

/** A provider the connect form offers for an admin key. */
export interface ApiProvider {
  id: string;
  name: string;
  keyHint: string;
}

// What the API accepts today without the matrix: the two providers with an admin-key API.
const KNOWN_API_PROVIDERS: ApiProvider[] = [
  {
    id: 'openai',
    name: 'OpenAI',
    keyHint: 'An admin key (sk-admin-…): platform.openai.com → Organization settings → Admin keys.',
  },
  {
    id: 'anthropic',
    name: 'Anthropic',
    keyHint: 'An admin key (sk-ant-admin01-…): console.anthropic.com → Settings → Admin keys.',
  },
];

function toApiProvider(entry: MatrixEntry): ApiProvider {
  const known = KNOWN_API_PROVIDERS.find((provider) => provider.id === entry.id);
  return {
    id: entry.id,
    name: entry.name,
    keyHint: known?.keyHint ?? entry.auth,
  };
}

/** Providers to offer for an admin key: from the matrix when the API serves it. */
export function useApiProviders(): ApiProvider[] {
  const [matrix] = useResource('/api/v1/providers', MatrixSchema);
  if (matrix.state !== 'ready') return KNOWN_API_PROVIDERS;
  const offered = matrix.value.providers.filter((entry) => entry.kinds.includes('api'));
  return offered.length === 0 ? KNOWN_API_PROVIDERS : offered.map(toApiProvider);
}

/** The providers as Stax connects them: what it calls, the scope, read-only or not. */
export function ProviderMatrix() {
  const [matrix, reload] = useResource('/api/v1/providers', MatrixSchema);
  return (
    <section class="stack" aria-labelledby="providers-heading">
      <h2 id="providers-heading">Providers</h2>
      <Show resource={matrix} what="The provider scope matrix" lines={3} onRetry={reload}>
        {(value) => (
          <div class="grid cards">
            {value.providers.map((entry) => (
              <ProviderCard key={entry.id} entry={entry} />
            ))}
          </div>
        )}
      </Show>
    </section>
  );
}

const KIND_WORDS: Record<string, string> = {
  api: 'admin API key',
  import: 'file import',
  subscription: 'subscription entered by hand',
};

function readOnlyWords(readOnly: boolean | null): string {
  if (readOnly === null) return 'Stax holds no credential';
  return readOnly ? 'Yes' : 'No: it can change things, keep it secret';
}

function ProviderCard({ entry }: { entry: MatrixEntry }) {
  return (
    <article class="card provider" aria-label={entry.name}>
      <h3>{entry.name}</h3>
      <dl class="facts">
        <dt>Connect by</dt>
        <dd>{entry.kinds.map((kind) => KIND_WORDS[kind] ?? kind).join(', ')}</dd>
        <dt>Credential</dt>
        <dd>{entry.auth}</dd>
        <dt>Read-only</dt>
        <dd>{readOnlyWords(entry.readOnly)}</dd>
        <dt>Freshness</dt>
        <dd>
          {entry.freshness}; {entry.history}
        </dd>
      </dl>
      <details>
        <summary>Scope, calls and data</summary>
        <p class="small">{entry.scope}</p>
        {entry.endpoints.length > 0 && (
          <ul class="small">
            {entry.endpoints.map((endpoint) => (
              <li key={endpoint}>
                <code>{endpoint}</code>
              </li>
            ))}
          </ul>
        )}
        <ul class="small">
          {entry.dataFetched.map((data) => (
            <li key={data}>{data}</li>
          ))}
        </ul>
      </details>
    </article>
  );
}
