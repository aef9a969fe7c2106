import { Driver } from './driver';

/** What every benchmark gets: where the stack answers, and a line printer for progress. */
export interface BenchContext {
  appUrl: string;
  simulatorUrl: string;
  /** Records per second of the fastest raw insert, once the ingest benchmark measured it. */
  rawRecordsPerSecond: number | null;
  progress(message: string): void;
}

/** A driver client of its own, so that each benchmark signs in as its own user. */
export function newDriver(context: BenchContext): Driver {
  return new Driver(context.appUrl, context.simulatorUrl);
}
