import { z } from 'zod';
import { fail, ok, type Result } from '@stax/contracts';
import { readResponse } from './read-page';

/** Google's token endpoint path (`https://oauth2.googleapis.com/token`). */
export const GOOGLE_TOKEN_PATH = '/token';
/** Cloud Billing `billingAccounts.get` (`https://cloudbilling.googleapis.com`). */
export const GOOGLE_BILLING_ACCOUNT_PATH = '/v1/billingAccounts/{account}';
/** BigQuery `jobs.query` (`https://bigquery.googleapis.com`); the query only reads. */
export const BIGQUERY_QUERIES_PATH = '/bigquery/v2/projects/{project}/queries';
/** BigQuery `jobs.getQueryResults`: polls a running query and pages through its rows. */
export const BIGQUERY_QUERY_RESULTS_PATH = '/bigquery/v2/projects/{project}/queries/{job}';

/** Read-only scopes: the billing account's metadata, and BigQuery queries. */
export const GOOGLE_SCOPES = [
  'https://www.googleapis.com/auth/cloud-billing.readonly',
  'https://www.googleapis.com/auth/bigquery.readonly',
] as const;

const PRIVATE_KEY_PEM =
  /^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n?$/;

/**
 * A service-account key file as Google hands it out. Only the fields Stax signs with are read;
 * the rest of the file (client id, cert URLs…) is dropped, never stored.
 */
export const GoogleServiceAccountKeySchema = z.object({
  type: z.literal('service_account', { message: 'must be a service account key' }),
  client_email: z
    .string()
    .max(320)
    .regex(/^[^@\s]+@[a-z0-9.-]+\.iam\.gserviceaccount\.com$/, {
      message: 'must be a service account e-mail (…@….iam.gserviceaccount.com)',
    }),
  private_key_id: z.string().regex(/^[a-f0-9]{16,64}$/, { message: 'must be a key id' }),
  private_key: z
    .string()
    .max(8192)
    .regex(PRIVATE_KEY_PEM, { message: 'must be a PKCS #8 PEM private key' }),
});
export type GoogleServiceAccountKey = z.infer<typeof GoogleServiceAccountKeySchema>;

/** The key as the vault stores it: just the four fields above, as text. */
export function storedServiceAccount(key: GoogleServiceAccountKey): Record<string, string> {
  const { type, client_email, private_key_id, private_key } = key;
  return { type, client_email, private_key_id, private_key };
}

// Identifiers go into the SQL text (BigQuery cannot bind a table name as a parameter): only
// the characters Google itself allows, so nothing can close the backtick quoting.
const PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const DATASET_OR_TABLE = /^[A-Za-z0-9_]{1,1024}$/;

/** Which billing account and which BigQuery billing export table a connection reads. */
export const GoogleSettingsSchema = z.strictObject({
  billingAccountId: z.string().regex(/^[0-9A-Z]{6}-[0-9A-Z]{6}-[0-9A-Z]{6}$/, {
    message: 'must be a billing account id like 01ABCD-23EFGH-45IJKL',
  }),
  bigQueryProject: z.string().regex(PROJECT_ID, { message: 'must be a Google Cloud project id' }),
  bigQueryDataset: z
    .string()
    .regex(DATASET_OR_TABLE, { message: 'must be a dataset name (letters, digits, _)' }),
  bigQueryTable: z
    .string()
    .regex(DATASET_OR_TABLE, { message: 'must be a table name (letters, digits, _)' }),
});
export type GoogleSettings = z.infer<typeof GoogleSettingsSchema>;

/** `billingAccounts.get`: the account's name and the currency every cost of it is in. */
export const GoogleBillingAccountSchema = z.object({
  name: z.string().max(256),
  displayName: z.string().max(256).optional(),
  open: z.boolean().optional(),
  currencyCode: z.string().regex(/^[A-Z]{3}$/),
});
export type GoogleBillingAccount = z.infer<typeof GoogleBillingAccountSchema>;

/** The path of one billing account. */
export function billingAccountPath(billingAccountId: string): string {
  return `/v1/billingAccounts/${billingAccountId}`;
}

/** Reads a `billingAccounts.get` answer. */
export function readBillingAccount(bodyText: string) {
  return readResponse(GoogleBillingAccountSchema, bodyText);
}

/** Why a Google answer could not be used: it is not what Google's API documents. */
export type GoogleFormatFailureCode = 'unexpected_format';

/** Checks a key file and settings pasted together; the message names the field that failed. */
export function parseGoogleConnection(
  key: unknown,
  settings: unknown,
): Result<{ key: GoogleServiceAccountKey; settings: GoogleSettings }, 'invalid_format'> {
  const parsedKey = GoogleServiceAccountKeySchema.safeParse(key);
  if (!parsedKey.success) return fail('invalid_format', firstIssue('credential', parsedKey.error));
  const parsedSettings = GoogleSettingsSchema.safeParse(settings);
  if (!parsedSettings.success) {
    return fail('invalid_format', firstIssue('settings', parsedSettings.error));
  }
  return ok({ key: parsedKey.data, settings: parsedSettings.data });
}

function firstIssue(root: string, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return `${root} is not valid`;
  return `${[root, ...issue.path.map(String)].join('.')} ${issue.message}`;
}
