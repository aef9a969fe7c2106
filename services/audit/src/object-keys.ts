const SEQ_DIGITS = 12;
const EVENT_NAME = /^(\d{12})\.json$/;

/** The prefix under which every object of one workspace's log lives. */
export function workspacePrefix(workspaceId: string): string {
  return `audit/${workspaceId}/`;
}

/** The key of one event; zero-padding makes the lexical order of keys the order of seqs. */
export function eventKey(workspaceId: string, seq: number): string {
  return `${workspacePrefix(workspaceId)}${String(seq).padStart(SEQ_DIGITS, '0')}.json`;
}

/** The key of the head hint: the last seq and hash known to be written, possibly stale. */
export function headKey(workspaceId: string): string {
  return `${workspacePrefix(workspaceId)}head`;
}

/** The seq an event key names, or null for any other key under the workspace prefix. */
export function seqOfKey(workspaceId: string, key: string): number | null {
  const prefix = workspacePrefix(workspaceId);
  if (!key.startsWith(prefix)) return null;
  const match = EVENT_NAME.exec(key.slice(prefix.length));
  return match?.[1] === undefined ? null : Number(match[1]);
}
