import type { Connection } from '../api/schemas';

/** A connection's status in words, and the tone of its badge. */
export function describeStatus(status: string): { label: string; tone: string } {
  switch (status) {
    case 'syncing':
      return { label: 'Syncing', tone: 'info' };
    case 'ok':
      return { label: 'Up to date', tone: 'good' };
    case 'needs_attention':
      return { label: 'Needs attention', tone: 'warn' };
    case 'error':
      return { label: 'Sync failed', tone: 'bad' };
    default:
      return { label: status, tone: 'info' };
  }
}

/** The progress of a running sync in words ("3 pages, 120 records so far"). */
export function describeProgress(connection: Connection): string {
  return `${describeRun(connection)} so far`;
}

/** What the last finished sync read ("2 pages, 540 records"). */
export function describeRun(connection: Connection): string {
  const { pages, records } = connection.sync;
  return `${pages} ${pages === 1 ? 'page' : 'pages'}, ${records} ${records === 1 ? 'record' : 'records'}`;
}

/** What to do about a connection in its state, or null when nothing is needed. */
export function nextStep(status: string): string | null {
  if (status === 'needs_attention') return 'The provider refused the key. Rotate it to resume.';
  if (status === 'error') return 'Stax will retry on the next hourly sync, or sync now.';
  return null;
}

/** Whether any connection is syncing, so the page keeps reading their progress. */
export function anySyncing(connections: Connection[]): boolean {
  return connections.some((connection) => connection.status === 'syncing');
}
