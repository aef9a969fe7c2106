import { AuditEventSchema, type AuditEvent } from '@stax/contracts';
import { z } from 'zod';
import { eventKey, headKey, seqOfKey, workspacePrefix } from './object-keys';

const LIST_PAGE_SIZE = 1_000;
const PARALLEL_READS = 25;

/** Where the last append landed, as the appender last saw it; may lag, never trusted alone. */
export const HeadHintSchema = z.strictObject({
  v: z.literal(1),
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type HeadHint = z.infer<typeof HeadHintSchema>;

/** An event read back from the bucket, or why it could not be. */
export type StoredEvent = { ok: true; event: AuditEvent } | { ok: false; reason: string };

/** The R2 objects of one workspace's audit log. Nothing here reaches another workspace. */
export class AuditObjects {
  constructor(
    private readonly bucket: R2Bucket,
    readonly workspaceId: string,
  ) {}

  async readHeadHint(): Promise<HeadHint | null> {
    const object = await this.bucket.get(headKey(this.workspaceId));
    if (!object) return null;
    const parsed = HeadHintSchema.safeParse(parseJson(await object.text()));
    return parsed.success ? parsed.data : null;
  }

  async writeHeadHint(hint: Omit<HeadHint, 'v'>): Promise<void> {
    await this.bucket.put(headKey(this.workspaceId), JSON.stringify({ v: 1, ...hint }));
  }

  async hasEvent(seq: number): Promise<boolean> {
    return (await this.bucket.head(eventKey(this.workspaceId, seq))) !== null;
  }

  /** The event at a seq: null when no object is there. */
  async readEvent(seq: number): Promise<StoredEvent | null> {
    const object = await this.bucket.get(eventKey(this.workspaceId, seq));
    if (!object) return null;
    return parseStoredEvent(await object.text(), this.workspaceId, seq);
  }

  /** Reads several events at once, in the order of `seqs`. */
  async readEvents(seqs: readonly number[]): Promise<(StoredEvent | null)[]> {
    const events: (StoredEvent | null)[] = [];
    for (let start = 0; start < seqs.length; start += PARALLEL_READS) {
      const chunk = seqs.slice(start, start + PARALLEL_READS);
      events.push(...(await Promise.all(chunk.map((seq) => this.readEvent(seq)))));
    }
    return events;
  }

  /**
   * Writes an event only if its seq is free. R2 checks the condition and writes in one step,
   * so of two appenders racing for a seq exactly one wins; false means this one lost.
   */
  async createEvent(event: AuditEvent): Promise<boolean> {
    const written = await this.bucket.put(
      eventKey(this.workspaceId, event.seq),
      JSON.stringify(event),
      {
        onlyIf: { etagDoesNotMatch: '*' },
        httpMetadata: { contentType: 'application/json' },
      },
    );
    return written !== null;
  }

  /** The seqs of the stored event objects after `afterSeq`, ascending, a page at a time. */
  async *eventSeqPages(afterSeq: number): AsyncGenerator<number[]> {
    const prefix = workspacePrefix(this.workspaceId);
    let cursor: string | undefined;
    do {
      const page = await this.bucket.list(
        cursor === undefined
          ? { prefix, startAfter: eventKey(this.workspaceId, afterSeq), limit: LIST_PAGE_SIZE }
          : { prefix, cursor, limit: LIST_PAGE_SIZE },
      );
      yield page.objects
        .map((object) => seqOfKey(this.workspaceId, object.key))
        .filter((seq): seq is number => seq !== null);
      cursor = page.truncated ? page.cursor : undefined;
    } while (cursor !== undefined);
  }
}

// Storage is a trust boundary: an object must parse, and must be the event its key names.
function parseStoredEvent(text: string, workspaceId: string, seq: number): StoredEvent {
  const parsed = AuditEventSchema.safeParse(parseJson(text));
  if (!parsed.success) return { ok: false, reason: 'the object is not a valid audit event' };
  if (parsed.data.workspaceId !== workspaceId || parsed.data.seq !== seq) {
    return { ok: false, reason: 'the object holds an event of another place in the log' };
  }
  return { ok: true, event: parsed.data };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
