import { hash32 } from './hash';

/** Models billed in AI credits, in the order the usage report lists them. */
export const GITHUB_CREDIT_MODELS = [
  'claude-sonnet-4.5',
  'gpt-5',
  'gemini-2.5-pro',
  'claude-opus-4.1',
] as const;

/** The first and last month with AI-credit usage (AI credits began on 2026-06-01). */
export const FIRST_CREDIT_MONTH = '2026-06';
export const LAST_CREDIT_MONTH = '2027-12';

/** One seat of an organization's Copilot plan. */
export interface GitHubSeat {
  readonly index: number;
  readonly pendingCancellationDate: string | null;
  readonly lastActivityAt: string | null;
}

/** The seats of an organization: 10–149, the same every day. */
export function githubSeats(org: string): GitHubSeat[] {
  const total = 10 + (hash32('github', org, 'seats') % 140);
  return Array.from({ length: total }, (_, index) => {
    const d = (field: string) => hash32('github', org, index, field);
    return {
      index,
      pendingCancellationDate: d('cancel') % 15 === 0 ? '2026-12-31' : null,
      lastActivityAt: d('active') % 5 === 0 ? null : '2026-11-20T09:00:00Z',
    };
  });
}

/** The seat breakdown the summary reports. */
export interface GitHubSeatBreakdown {
  readonly total: number;
  readonly addedThisCycle: number;
  readonly pendingCancellation: number;
  readonly pendingInvitation: number;
  readonly activeThisCycle: number;
  readonly inactiveThisCycle: number;
}

/** The summary of the seats: counts of the list, plus 0–3 pending invitations. */
export function githubSeatBreakdown(org: string): GitHubSeatBreakdown {
  const seats = githubSeats(org);
  const active = seats.filter((seat) => seat.lastActivityAt !== null).length;
  return {
    total: seats.length,
    addedThisCycle: hash32('github', org, 'added') % 5,
    pendingCancellation: seats.filter((seat) => seat.pendingCancellationDate !== null).length,
    pendingInvitation: hash32('github', org, 'invites') % 4,
    activeThisCycle: active,
    inactiveThisCycle: seats.length - active,
  };
}

/** AI credits of one model in one month (1 credit = $0.01). */
export interface GitHubCreditUsage {
  readonly model: string;
  readonly grossCredits: number;
  readonly discountCredits: number;
  readonly netCredits: number;
}

/** A month (`YYYY-MM`) of AI-credit usage by model; empty outside the credit months. */
export function githubCreditUsage(org: string, month: string): GitHubCreditUsage[] {
  if (month < FIRST_CREDIT_MONTH || month > LAST_CREDIT_MONTH) return [];
  return GITHUB_CREDIT_MODELS.map((model) => {
    const grossCredits = 1000 + (hash32('github', org, month, model, 'credits') % 60_000);
    const included = hash32('github', org, month, model, 'included') % 20_000;
    const discountCredits = Math.min(grossCredits, included);
    return { model, grossCredits, discountCredits, netCredits: grossCredits - discountCredits };
  });
}
