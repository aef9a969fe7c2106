import { useState } from 'preact/hooks';
import { callApi } from '../api/client';
import { useResource } from '../api/resource';
import { AcceptedSchema, PublicConfigSchema } from '../api/schemas';
import { Field, useSubmit } from '../components/form';
import { ProblemNotice } from '../components/status';

/** Email, then "check your inbox"; the link in the email signs in and opens the overview. */
export function SignInPage() {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { busy, problem, submit } = useSubmit(
    () => callApi('/api/v1/auth/login', AcceptedSchema, { method: 'POST', body: { email } }),
    () => setSentTo(email),
  );

  return (
    <main class="page narrow sign-in" id="content">
      <h1>
        <span class="logo" aria-hidden="true" /> Stax
      </h1>
      <p class="lead">See what your company spends on AI services, in one place.</p>
      {sentTo === null ? (
        <form class="card stack" onSubmit={submit} noValidate>
          <Field label="Work email" name="email" problem={problem}>
            {(control) => (
              <input
                {...control}
                type="email"
                name="email"
                autoComplete="email"
                required
                value={email}
                onInput={(event) => setEmail(event.currentTarget.value)}
              />
            )}
          </Field>
          {problem && problem.field !== 'email' && <ProblemNotice problem={problem} />}
          <button type="submit" class="button" disabled={busy}>
            {busy ? 'Sending…' : 'Email me a sign-in link'}
          </button>
        </form>
      ) : (
        <CheckInbox email={sentTo} onAgain={() => setSentTo(null)} />
      )}
    </main>
  );
}

function CheckInbox({ email, onAgain }: { email: string; onAgain: () => void }) {
  const [config] = useResource('/api/v1/config', PublicConfigSchema);
  const mailbox = config.state === 'ready' ? config.value.localMailboxUrl : null;
  return (
    <section class="card stack" aria-live="polite">
      <h2>Check your inbox</h2>
      <p>
        We sent a sign-in link to <strong>{email}</strong>. Open it within 15 minutes; it works
        once.
      </p>
      {mailbox && (
        <p class="note">
          Running locally: the email is in the{' '}
          <a href={`${mailbox}?to=${encodeURIComponent(email)}`} data-testid="local-mailbox">
            simulator's mailbox
          </a>
          . Open the link in its text.
        </p>
      )}
      <button type="button" class="button secondary" onClick={onAgain}>
        Use another address
      </button>
    </section>
  );
}
