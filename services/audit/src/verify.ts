import type { AuditEvent, ChainVerdict } from '@stax/contracts';
import type { AuditObjects, HeadHint, StoredEvent } from './audit-objects';
import { GENESIS_HASH, hasValidHash } from './chain';

interface Walk {
  /** Event objects seen so far, including any past the break. */
  events: number;
  /** The seq the next object must have. */
  expectedSeq: number;
  prevHash: string;
  broken: { brokenAt: number; reason: string } | null;
}

/**
 * Walks a workspace's chain from seq 1 and reports the first place it breaks: a missing seq,
 * an object that is not the event its key names, a broken link or a hash that does not match.
 */
export async function verifyChain(objects: AuditObjects): Promise<ChainVerdict> {
  const hint = await objects.readHeadHint();
  const walk: Walk = { events: 0, expectedSeq: 1, prevHash: GENESIS_HASH, broken: null };

  for await (const seqs of objects.eventSeqPages(0)) {
    walk.events += seqs.length;
    if (walk.broken) continue;
    await walkPage(objects, seqs, walk, hint);
  }

  walk.broken ??= tailCheck(walk, hint);
  if (walk.broken) return { intact: false, events: walk.events, ...walk.broken };
  return { intact: true, events: walk.events, headHash: walk.prevHash };
}

async function walkPage(
  objects: AuditObjects,
  seqs: number[],
  walk: Walk,
  hint: HeadHint | null,
): Promise<void> {
  const stored = await objects.readEvents(seqs);
  for (const [index, seq] of seqs.entries()) {
    const link = await checkLink(seq, stored[index] ?? null, walk, hint);
    if (!link.ok) {
      walk.broken = { brokenAt: walk.expectedSeq, reason: link.reason };
      return;
    }
    walk.prevHash = link.hash;
    walk.expectedSeq += 1;
  }
}

type Link = { ok: true; hash: string } | { ok: false; reason: string };

async function checkLink(
  seq: number,
  stored: StoredEvent | null,
  walk: Walk,
  hint: HeadHint | null,
): Promise<Link> {
  if (seq !== walk.expectedSeq || stored === null) return broken('the event is missing');
  if (!stored.ok) return broken(stored.reason);
  const event: AuditEvent = stored.event;
  if (event.prevHash !== walk.prevHash) return broken('prevHash does not match the previous event');
  if (!(await hasValidHash(event))) return broken('the hash does not match the content');
  if (hint?.seq === seq && hint.hash !== event.hash)
    return broken('the head hint names another hash');
  return { ok: true, hash: event.hash };
}

function broken(reason: string): Link {
  return { ok: false, reason };
}

// Deleting the newest events leaves no gap; the head hint, which never runs ahead of the
// log on its own, is what shows them gone.
function tailCheck(walk: Walk, hint: HeadHint | null): Walk['broken'] {
  if (hint === null || hint.seq < walk.expectedSeq) return null;
  return { brokenAt: walk.expectedSeq, reason: `the events up to ${hint.seq} are missing` };
}
