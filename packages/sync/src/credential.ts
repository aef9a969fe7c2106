import type { JobContext } from './context';
import { credentialRef } from './context';
import { retryOrFail, stop, type Step } from './outcome';

/** Asks the vault for the job's credential; the vault audits the reveal before it answers. */
export async function revealAdminKey(ctx: JobContext): Promise<Step<unknown>> {
  const { job, deps } = ctx;
  const revealed = await deps.vault.reveal({
    ...credentialRef(job),
    jobId: job.jobId,
    purpose: 'sync',
    requestId: job.requestId,
  });
  if (!revealed.ok) {
    const { code } = revealed.error;
    if (code === 'not_found') return stop({ kind: 'dropped', reason: 'credential revoked' });
    const error =
      code === 'decrypt_failed'
        ? 'Stax could not decrypt the stored key. Paste the admin key again.'
        : 'Stax could not unlock the stored key right now.';
    ctx.log.warn('reveal failed', { code });
    return stop(retryOrFail(revealed.error, error, 0));
  }

  const { adapter } = deps;
  const { secret } = revealed.value;
  const credential = adapter.credentialOf?.(secret, job.settings) ?? secret;
  const parsed = adapter.credentialFormat.safeParse(credential);
  if (!parsed.success) {
    const name = adapter.credentialName ?? 'admin key';
    const error = `The stored key is not in the format of ${adapter.displayName} ${name}s.`;
    return stop({ kind: 'needs_attention', error, pages: 0 });
  }
  return { ok: true, value: parsed.data };
}

/**
 * Re-reads from the vault that the credential still exists. Called before every provider call
 * and before ingest, so that a revoke stops a running sync at its next step.
 */
export async function ensureCredentialLive(ctx: JobContext, pages: number): Promise<Step<null>> {
  const described = await ctx.deps.vault.describe(credentialRef(ctx.job));
  if (described.ok) return { ok: true, value: null };
  if (described.error.code === 'not_found') {
    return stop({ kind: 'dropped', reason: 'credential revoked during the sync' });
  }
  ctx.log.warn('describe failed', { code: described.error.code });
  return stop(
    retryOrFail(described.error, 'Stax could not check the stored key right now.', pages),
  );
}
