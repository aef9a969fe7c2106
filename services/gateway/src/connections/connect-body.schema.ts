import { z } from 'zod';
import { ProviderIdSchema, type ProviderId } from '@stax/contracts';
import {
  ChatGptSettingsSchema,
  GitHubOrgSchema,
  GoogleServiceAccountKeySchema,
  GoogleSettingsSchema,
  storedServiceAccount,
  providersWithKind,
  scopeOf,
  SubscriptionPlanSchema,
} from '@stax/providers';

const LabelSchema = z.string().trim().min(1).max(100);
const PastedKeySchema = z.string().min(1).max(4096);

/**
 * The `api` connect body of each provider, one small schema a provider. A provider whose key
 * is pasted as text uses `pastedKeyVariant`; one that needs more (an organization, settings)
 * declares its own strict object here.
 */
export const API_CONNECT_VARIANTS = {
  openai: pastedKeyVariant('openai'),
  anthropic: pastedKeyVariant('anthropic'),
  cursor: pastedKeyVariant('cursor'),
  // A GitHub token reads one organization's Copilot billing: which one is part of the body.
  github: z.strictObject({
    kind: z.literal('api'),
    provider: z.literal('github'),
    label: LabelSchema,
    credential: PastedKeySchema,
    org: GitHubOrgSchema,
  }),
  // Google: the service account's key file as JSON (the provider's own format, so extra fields
  // are dropped, not refused) and which billing account and export table to read.
  google: z.strictObject({
    kind: z.literal('api'),
    provider: z.literal('google'),
    label: LabelSchema,
    credential: GoogleServiceAccountKeySchema.transform(storedServiceAccount),
    settings: GoogleSettingsSchema,
  }),
  // ChatGPT Enterprise: a workspace analytics key, the workspace, and an optional credit price.
  chatgpt: z.strictObject({
    kind: z.literal('api'),
    provider: z.literal('chatgpt'),
    label: LabelSchema,
    credential: PastedKeySchema,
    settings: ChatGptSettingsSchema,
  }),
} as const;

function pastedKeyVariant<P extends ProviderId>(provider: P) {
  return z.strictObject({
    kind: z.literal('api'),
    provider: z.literal(provider),
    label: LabelSchema,
    credential: PastedKeySchema,
  });
}

const ApiConnectSchema = z.discriminatedUnion('provider', [
  API_CONNECT_VARIANTS.openai,
  API_CONNECT_VARIANTS.anthropic,
  API_CONNECT_VARIANTS.cursor,
  API_CONNECT_VARIANTS.github,
  API_CONNECT_VARIANTS.google,
  API_CONNECT_VARIANTS.chatgpt,
]);

// Which providers take a kind is the scope matrix's word, so the two cannot disagree.
function providerOfKind(kind: 'import' | 'subscription') {
  return ProviderIdSchema.refine((provider) => providersWithKind(kind).includes(provider), {
    error: (issue) => `${scopeOf(ProviderIdSchema.parse(issue.input)).name} has no ${kind} kind`,
  });
}

const ImportConnectSchema = z.strictObject({
  kind: z.literal('import'),
  provider: providerOfKind('import'),
  label: LabelSchema,
});

const SubscriptionConnectSchema = z.strictObject({
  kind: z.literal('subscription'),
  provider: providerOfKind('subscription'),
  label: LabelSchema,
  plan: SubscriptionPlanSchema,
});

// A body without `kind` is an `api` connection, as every body was before kinds existed.
function withDefaultKind(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  return 'kind' in body ? body : { ...body, kind: 'api' };
}

/** `POST /api/v1/connections`: a strict union on `kind`, and for `api` on `provider`. */
export const ConnectBodySchema = z.preprocess(
  withDefaultKind,
  z.discriminatedUnion('kind', [ApiConnectSchema, ImportConnectSchema, SubscriptionConnectSchema]),
);
export type ConnectBody = z.infer<typeof ConnectBodySchema>;
export type ApiConnectBody = z.infer<typeof ApiConnectSchema>;
export type ManualConnectBody = z.infer<
  typeof ImportConnectSchema | typeof SubscriptionConnectSchema
>;
