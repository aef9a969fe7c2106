export {
  AlertRecipientsSchema,
  alertRecipientsOf,
  canonicalTimeZone,
  MAX_ALERT_RECIPIENTS,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  ownerEmails,
  readWorkspaceSettings,
  TimeZoneSchema,
  WEEKDAYS,
  WeekdaySchema,
} from './settings';
export type { Weekday, WorkspaceSettings } from './settings';
export { deleteBillingData } from './billing-data';
export type {
  BillingDataScope,
  DeletedRecords,
  DeleteOptions,
  DeletionOutcome,
} from './billing-data';
