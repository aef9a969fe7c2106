import { ok, type CostRecord, type Secret, type UsageRecord } from '@stax/contracts';
import {
  addCodexRows,
  ChatGptAnalyticsKeySchema,
  ChatGptSettingsSchema,
  codexDayRecords,
  codexUsagePath,
  codexUsageRequest,
  readCodexUsagePage,
  type ChatGptSettings,
  type CodexDay,
  type ProviderClient,
} from '@stax/providers';
import type { CollectSession, CustomSource, Step } from '@stax/sync';

/** Pages of one report past which Stax stops reading. */
export const MAX_PAGE_COUNT = 200;

/** A connection's analytics key and the workspace (and price per credit) it reads. */
export interface ChatGptCredential {
  key: string;
  settings: ChatGptSettings;
}

type Session = CollectSession<ChatGptCredential>;

async function readDays(session: Session, client: ProviderClient): Promise<Step<CodexDay[]>> {
  const { key, settings } = session.credential;
  const path = codexUsagePath(settings.workspaceId);
  const auth = { authorization: `Bearer ${key}` };
  const days = new Map<string, CodexDay>();
  let cursor: string | null = null;
  do {
    if (session.pages >= MAX_PAGE_COUNT) {
      const error = 'ChatGPT kept answering with more pages than Stax reads.';
      return { ok: false, outcome: { kind: 'failed', error, pages: session.pages } };
    }
    const query = codexUsageRequest(session.job, cursor);
    const answer = await session.call(path, () => client.get(path, query, auth));
    if (!answer.ok) return answer;
    const page = readCodexUsagePage(answer.value);
    if (!page.ok) return session.unexpected(path, page.error.message);
    const added = addCodexRows(days, page.value.rows);
    if (!added.ok) return session.unexpected(path, added.error.message);
    cursor = page.value.nextPage;
  } while (cursor !== null);
  return ok([...days.values()]);
}

/**
 * ChatGPT Enterprise's Codex credits and tokens per day. Credits are not money: they are the
 * consumed quantity, priced only by what the customer configured (see `codexDayRecords`).
 */
export function chatGptSource(client: ProviderClient): CustomSource<ChatGptCredential> {
  return {
    provider: 'chatgpt',
    displayName: 'ChatGPT',
    credentialName: 'analytics key',
    credentialOf(secret: Secret, settings) {
      const key = ChatGptAnalyticsKeySchema.safeParse(secret);
      const parsedSettings = ChatGptSettingsSchema.safeParse(settings);
      if (!key.success || !parsedSettings.success) return null;
      return { key: key.data, settings: parsedSettings.data };
    },
    async collect(session) {
      const days = await readDays(session, client);
      if (!days.ok) return days;
      const costs: CostRecord[] = [];
      const usage: UsageRecord[] = [];
      for (const day of days.value) {
        const records = codexDayRecords(day, session.credential.settings);
        if (!records.ok) return session.unexpected('credits', records.error.message);
        costs.push(records.value.cost);
        usage.push(records.value.usage);
      }
      return ok({ costs, usage, totals: [] });
    },
  };
}
