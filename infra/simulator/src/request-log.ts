/** One provider request as `GET /_sim/requests` shows it. Never the key, only its fingerprint. */
export interface RequestRecord {
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly status: number;
  readonly keyFingerprint: string | null;
}

/** Oldest entries are dropped past this many, so a long load test cannot exhaust memory. */
export const MAX_LOGGED_REQUESTS = 50_000;

/** Every provider request the simulator answered, oldest first. */
export class RequestLog {
  private records: RequestRecord[] = [];

  /** Appends a record, dropping the oldest past the cap. */
  record(entry: RequestRecord): void {
    this.records.push(entry);
    if (this.records.length > MAX_LOGGED_REQUESTS) this.records.shift();
  }

  /** A copy of the records, oldest first. */
  list(): RequestRecord[] {
    return [...this.records];
  }

  /** Forgets every record and says how many there were. */
  clear(): number {
    const count = this.records.length;
    this.records = [];
    return count;
  }
}
