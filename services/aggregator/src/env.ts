import type { SyncJob } from '@stax/contracts';

/** The bindings of the aggregator Worker. */
export interface Env {
  /** D1 `stax`: connections, cost and usage records, sync runs. */
  DB: D1Database;
  /** Producer of queue `sync-openai`, consumed by the OpenAI fetcher. */
  SYNC_OPENAI: Queue<SyncJob>;
  /** Producer of queue `sync-anthropic`, consumed by the Anthropic fetcher. */
  SYNC_ANTHROPIC: Queue<SyncJob>;
  /** Producer of queue `sync-cursor`, consumed by the Cursor fetcher. */
  SYNC_CURSOR: Queue<SyncJob>;
  /** Producer of queue `sync-github`, consumed by the GitHub fetcher. */
  SYNC_GITHUB: Queue<SyncJob>;
  /** Producer of queue `sync-google`, consumed by the Google fetcher. */
  SYNC_GOOGLE: Queue<SyncJob>;
  /** Producer of queue `sync-chatgpt`, consumed by the ChatGPT Enterprise fetcher. */
  SYNC_CHATGPT: Queue<SyncJob>;
  /** The dashboard's public origin, for links in alert emails. */
  APP_URL: string;
  /** Resend's API; locally the simulator's mailbox. */
  RESEND_BASE_URL: string;
  /** The sender of alert emails. */
  EMAIL_FROM: string;
  /** Secret: the Resend API key that sends alert emails. */
  RESEND_API_KEY: string;
}
