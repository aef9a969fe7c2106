import { fail, ok, type AuditAppend, type AuditFailureCode, type Result } from '@stax/contracts';
import type { Logger } from '@stax/log';
import type { AuditObjects } from './audit-objects';
import { GENESIS_HASH, sealEvent } from './chain';

const MAX_APPEND_ATTEMPTS = 20;
const RETRY_JITTER_MS = 8;

export type Appended = Result<{ seq: number; hash: string }, AuditFailureCode>;

/**
 * Appends one event at the head of the workspace's chain. Losing the race for a seq to
 * another appender is normal: re-read the head and try the next free seq.
 */
export async function appendEvent(
  objects: AuditObjects,
  input: AuditAppend,
  log: Logger,
): Promise<Appended> {
  for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt += 1) {
    const placed = await tryAppendAtHead(objects, input, log);
    if (placed !== 'seq_taken') return placed;
    await pause(Math.random() * RETRY_JITTER_MS * attempt);
  }
  log.warn('audit append gave up under contention', { attempts: MAX_APPEND_ATTEMPTS });
  return fail('contention', 'the audit log is busy; try again', { retryable: true });
}

async function tryAppendAtHead(
  objects: AuditObjects,
  input: AuditAppend,
  log: Logger,
): Promise<Appended | 'seq_taken'> {
  const seq = await nextFreeSeq(objects);
  const prevHash = await hashAt(objects, seq - 1);
  if (prevHash === null) {
    log.error('audit chain unreadable at its head', { workspaceId: objects.workspaceId, seq });
    return fail('storage_failed', 'the audit log cannot be extended: its last event is damaged');
  }

  const at = new Date().toISOString();
  const event = await sealEvent({ ...input, v: 1, seq, at, prevHash });
  if (!(await objects.createEvent(event))) return 'seq_taken';

  await updateHeadHint(objects, seq, event.hash, log);
  return ok({ seq, hash: event.hash });
}

// Starts from the hint when the event it names exists, then probes forward: the hint may
// lag behind the true head (or have been rolled back), never the other way round.
async function nextFreeSeq(objects: AuditObjects): Promise<number> {
  const hint = await objects.readHeadHint();
  let seq = hint !== null && (await objects.hasEvent(hint.seq)) ? hint.seq : 0;
  while (await objects.hasEvent(seq + 1)) seq += 1;
  return seq + 1;
}

async function hashAt(objects: AuditObjects, seq: number): Promise<string | null> {
  if (seq === 0) return GENESIS_HASH;
  const stored = await objects.readEvent(seq);
  return stored?.ok === true ? stored.event.hash : null;
}

// The hint only speeds up the next append; failing to write it loses nothing.
async function updateHeadHint(
  objects: AuditObjects,
  seq: number,
  hash: string,
  log: Logger,
): Promise<void> {
  try {
    await objects.writeHeadHint({ seq, hash });
  } catch (error) {
    log.warn('audit head hint not updated', { workspaceId: objects.workspaceId, seq, error });
  }
}

function pause(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
