import { ok, type Secret, type UtcDay } from '@stax/contracts';
import {
  billingAccountPath,
  dailyCostQueryBody,
  DAILY_COST_FIELDS,
  GOOGLE_TOKEN_PATH,
  GoogleServiceAccountKeySchema,
  GoogleSettingsSchema,
  invoiceMonthsOf,
  mapDailyCostRows,
  mapMonthTotalRows,
  MONTH_TOTAL_FIELDS,
  monthTotalQueryBody,
  readBillingAccount,
  readTokenAnswer,
  refusedGrant,
  tokenCacheKey,
  tokenRequestForm,
  type DayWindow,
  type GoogleServiceAccountKey,
  type GoogleSettings,
} from '@stax/providers';
import type { CollectedSet, CollectSession, CustomSource, Step } from '@stax/sync';
import { runQuery } from './bigquery-run';
import type { GoogleApis } from './google-apis';

/** The export keeps filling a day for well over a day: every sync re-reads at least this many. */
export const GOOGLE_TRAILING_DAYS = 5;
const DAY_MS = 86_400_000;

/** A connection's key and what it reads. */
export interface GoogleCredential {
  key: GoogleServiceAccountKey;
  settings: GoogleSettings;
}

type Session = CollectSession<GoogleCredential>;

/** The job's window, widened back to the trailing days the export may still revise. */
export function trailingWindow(job: DayWindow): DayWindow {
  const trailingFrom = new Date(Date.parse(`${job.to}T00:00:00Z`) - GOOGLE_TRAILING_DAYS * DAY_MS)
    .toISOString()
    .slice(0, 10);
  const from: UtcDay = trailingFrom < job.from ? trailingFrom : job.from;
  return { from, to: job.to };
}

async function accessToken(session: Session, apis: GoogleApis): Promise<Step<string>> {
  const { key } = session.credential;
  const cacheKey = tokenCacheKey(session.job.connectionId, key);
  const cached = apis.tokens.get(cacheKey, session.now);
  if (cached !== null) return ok(cached);

  const form = await tokenRequestForm(key, apis.tokenUrl, session.now);
  const answer = await session.call(GOOGLE_TOKEN_PATH, async () =>
    refusedGrant(await apis.oauth.post(GOOGLE_TOKEN_PATH, { form }, {})),
  );
  if (!answer.ok) return answer;
  const token = readTokenAnswer(answer.value);
  if (!token.ok) return session.unexpected(GOOGLE_TOKEN_PATH, token.error.message);
  apis.tokens.set(cacheKey, token.value.access_token, token.value.expires_in, session.now);
  return ok(token.value.access_token);
}

async function accountCurrency(
  session: Session,
  apis: GoogleApis,
  token: string,
): Promise<Step<string>> {
  const path = billingAccountPath(session.credential.settings.billingAccountId);
  const auth = { authorization: `Bearer ${token}` };
  const answer = await session.call(path, () => apis.billing.get(path, [], auth));
  if (!answer.ok) return answer;
  const account = readBillingAccount(answer.value);
  if (!account.ok) return session.unexpected(path, account.error.message);
  return ok(account.value.currencyCode);
}

async function readRecords(
  session: Session,
  apis: GoogleApis,
  token: string,
  currency: string,
): Promise<Step<CollectedSet>> {
  const { settings } = session.credential;
  const window = trailingWindow(session.job);
  const project = settings.bigQueryProject;
  const daily = await runQuery(session, apis, token, {
    project,
    body: dailyCostQueryBody(settings, window),
    fields: DAILY_COST_FIELDS,
  });
  if (!daily.ok) return daily;
  const months = await runQuery(session, apis, token, {
    project,
    body: monthTotalQueryBody(settings, invoiceMonthsOf(window)),
    fields: MONTH_TOTAL_FIELDS,
  });
  if (!months.ok) return months;

  const costs = mapDailyCostRows(daily.value);
  const totals = mapMonthTotalRows(months.value, session.now);
  if (!costs.ok) return session.unexpected('daily cost rows', costs.error.message);
  if (!totals.ok) return session.unexpected('invoice month rows', totals.error.message);
  // Every amount of an account is in its currency; another one means a misread export.
  const currencies = [...costs.value, ...totals.value].map((record) => record.currency);
  if (currencies.some((rowCurrency) => rowCurrency !== currency)) {
    return session.unexpected('rows', `a row is not in the account currency ${currency}`);
  }
  return ok({ costs: costs.value, usage: [], totals: totals.value });
}

/** Google Cloud billing of Gemini and Vertex AI, read from the customer's BigQuery export. */
export function googleSource(apis: GoogleApis): CustomSource<GoogleCredential> {
  return {
    provider: 'google',
    displayName: 'Google Cloud',
    credentialName: 'service account key',
    credentialOf(secret: Secret, settings) {
      const key = GoogleServiceAccountKeySchema.safeParse(secret);
      const parsedSettings = GoogleSettingsSchema.safeParse(settings);
      if (!key.success || !parsedSettings.success) return null;
      return { key: key.data, settings: parsedSettings.data };
    },
    async collect(session) {
      const token = await accessToken(session, apis);
      if (!token.ok) return token;
      const currency = await accountCurrency(session, apis, token.value);
      if (!currency.ok) return forgetRefusedToken(session, apis, currency);
      const records = await readRecords(session, apis, token.value, currency.value);
      return records.ok ? records : forgetRefusedToken(session, apis, records);
    },
  };
}

// A token Google stopped accepting (the key was disabled) must not be reused from the cache.
function forgetRefusedToken<T extends { ok: false; outcome: { kind: string } }>(
  session: Session,
  apis: GoogleApis,
  step: T,
): T {
  if (step.outcome.kind === 'needs_attention') {
    apis.tokens.delete(tokenCacheKey(session.job.connectionId, session.credential.key));
  }
  return step;
}
