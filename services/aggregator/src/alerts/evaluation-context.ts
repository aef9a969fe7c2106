import type { WorkspaceCalendar } from '@stax/budgets';
import type { StaxDb } from '@stax/db';

/** What every alert check of one workspace evaluation shares. */
export interface EvaluationContext {
  db: StaxDb;
  workspaceId: string;
  calendar: WorkspaceCalendar;
  recipients: readonly string[];
  now: Date;
}
