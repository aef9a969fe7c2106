import {
  fail,
  ok,
  type AuditEvent,
  type AuditFailureCode,
  type AuditQuerySchema,
  type Result,
} from '@stax/contracts';
import type { z } from 'zod';
import type { AuditObjects } from './audit-objects';

export type ParsedAuditQuery = z.output<typeof AuditQuerySchema>;
export type EventPage = Result<
  { events: AuditEvent[]; nextAfter: number | null },
  AuditFailureCode
>;

/**
 * The events of one workspace that match the query, ascending by seq. `nextAfter` is set only
 * when at least one more matching event exists past the page.
 */
export async function listEvents(
  objects: AuditObjects,
  query: ParsedAuditQuery,
): Promise<EventPage> {
  const events: AuditEvent[] = [];
  for await (const seqs of objects.eventSeqPages(query.after ?? 0)) {
    const stored = await objects.readEvents(seqs);
    for (const [index, item] of stored.entries()) {
      if (item?.ok !== true) return unreadable(seqs[index]);
      if (!matchesQuery(item.event, query)) continue;
      if (events.length === query.limit) return ok({ events, nextAfter: lastSeq(events) });
      events.push(item.event);
    }
  }
  return ok({ events, nextAfter: null });
}

function lastSeq(events: readonly AuditEvent[]): number | null {
  return events.at(-1)?.seq ?? null;
}

function matchesQuery(event: AuditEvent, query: ParsedAuditQuery): boolean {
  const at = Date.parse(event.at);
  if (query.connectionId !== undefined && event.connectionId !== query.connectionId) return false;
  if (query.from !== undefined && at < Date.parse(query.from)) return false;
  if (query.to !== undefined && at >= Date.parse(query.to)) return false;
  return true;
}

// A customer must never read a silently pruned log: a damaged event stops the listing.
function unreadable(seq: number | undefined): EventPage {
  return fail('storage_failed', `audit event ${seq ?? '?'} cannot be read back; run verify`);
}
