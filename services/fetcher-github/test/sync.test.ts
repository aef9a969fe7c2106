import type { CostRecord, SeatCount } from '@stax/contracts';
import { callsWithKey } from '@stax/sync/testing';
import { describe, expect, it } from 'vitest';
import { githubCreditUsage, githubSeatBreakdown } from '../../../infra/simulator/src/data';
import { deliver, fetcherEnv, gitHubJob } from './harness';

const MICROS_PER_CREDIT = 10_000;
const today = () => new Date().toISOString().slice(0, 10);
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

function expectedCredits(org: string, months: string[]): Array<[string, number]> {
  return months
    .flatMap((month) =>
      githubCreditUsage(org, month).map((usage): [string, number] => [
        `cost|${month}|Copilot|Copilot AI Credits|${usage.model}`,
        usage.netCredits * MICROS_PER_CREDIT,
      ]),
    )
    .sort(([a], [b]) => a.localeCompare(b));
}

const costsOf = (batches: Array<{ costs: CostRecord[] }>) => batches.flatMap((b) => b.costs);
const seatsOf = (batches: Array<{ seats?: SeatCount[] }>) => batches.flatMap((b) => b.seats ?? []);

describe('fetcher-github queue handler against the simulator', () => {
  it('ingests AI-credit spend by model for every month the window touches', async () => {
    const token = 'ghp_sim_credits';
    const fetcher = fetcherEnv({ secret: token });

    const job = gitHubJob('2026-07-20', '2026-09-02', 'octo-org');
    expect(await deliver(fetcher.env, job)).toEqual({ acked: true, retries: [] });

    const costs = costsOf(fetcher.aggregator.ingested);
    const actual = costs
      .map((cost): [string, number] => [cost.recordKey, cost.billedCostMicros])
      .sort(([a], [b]) => a.localeCompare(b));
    expect(actual).toEqual(expectedCredits('octo-org', ['2026-07', '2026-08', '2026-09']));
    expect(costs[0]).toMatchObject({
      chargePeriodStart: '2026-07-01T00:00:00Z',
      chargePeriodEnd: '2026-08-01T00:00:00Z',
      currency: 'USD',
      serviceName: 'GitHub Copilot',
      source: 'reported',
    });
    const calls = await callsWithKey(token);
    expect(calls.map((call) => [call.path, call.query])).toEqual([
      ['/organizations/octo-org/settings/billing/ai_credit/usage', 'year=2026&month=7'],
      ['/organizations/octo-org/settings/billing/ai_credit/usage', 'year=2026&month=8'],
      ['/organizations/octo-org/settings/billing/ai_credit/usage', 'year=2026&month=9'],
    ]);
    expect(seatsOf(fetcher.aggregator.ingested)).toEqual([]);
  });

  it("counts today's seats from the summary and every page of the list", async () => {
    const token = 'ghp_sim_seats';
    const fetcher = fetcherEnv({ secret: token });

    await deliver(fetcher.env, gitHubJob(today(), tomorrow(), 'acme'));

    const breakdown = githubSeatBreakdown('acme');
    expect(seatsOf(fetcher.aggregator.ingested)).toEqual([
      {
        recordKey: `seats|${today()}`,
        day: today(),
        totalSeats: breakdown.total,
        activeSeats: breakdown.activeThisCycle,
        inactiveSeats: breakdown.inactiveThisCycle,
        pendingCancellationSeats: breakdown.pendingCancellation,
        pendingInvitationSeats: breakdown.pendingInvitation,
      },
    ]);
    expect(breakdown.total).toBe(144);
    const listPages = (await callsWithKey(token)).filter((call) => call.path.endsWith('/seats'));
    expect(listPages.map((call) => call.query)).toEqual([
      'per_page=100&page=1',
      'per_page=100&page=2',
    ]);
  });

  it.each([
    ['ghp_sim_acme-unauthorized', 401],
    ['ghp_sim_acme-forbidden', 403],
  ])('asks for attention when GitHub refuses %s', async (token, status) => {
    const fetcher = fetcherEnv({ secret: token });

    expect(await deliver(fetcher.env, gitHubJob('2026-07-01', '2026-07-02'))).toEqual({
      acked: true,
      retries: [],
    });
    expect(fetcher.aggregator.reports.at(-1)).toMatchObject({
      outcome: 'needs_attention',
      error: `GitHub rejected the key (${status}). Paste a new token.`,
    });
  });

  it('retries a 429 no sooner than its Retry-After', async () => {
    const fetcher = fetcherEnv({ secret: 'ghp_sim_acme-ratelimited' });

    const settled = await deliver(fetcher.env, gitHubJob('2026-07-01', '2026-07-02'));
    expect(settled.acked).toBe(false);
    expect(settled.retries[0]?.delaySeconds).toBeGreaterThanOrEqual(60);
  });

  it('fails the sync on a 500 at its last attempt, for the dead-letter queue', async () => {
    const fetcher = fetcherEnv({ secret: 'ghp_sim_acme-error500' });

    const settled = await deliver(fetcher.env, gitHubJob('2026-07-01', '2026-07-02'), 6);
    expect(settled.acked).toBe(false);
    expect(fetcher.aggregator.reports.at(-1)).toMatchObject({
      outcome: 'failed',
      error: 'GitHub answered with an error (500).',
    });
  });

  it('asks for attention, without a call, when the job names no organization', async () => {
    const token = 'ghp_sim_noorg';
    const fetcher = fetcherEnv({ secret: token });
    const { settings: _settings, ...job } = gitHubJob('2026-07-01', '2026-07-02');

    expect(await deliver(fetcher.env, job)).toEqual({ acked: true, retries: [] });
    expect(fetcher.aggregator.reports.at(-1)).toMatchObject({ outcome: 'needs_attention' });
    expect(await callsWithKey(token)).toEqual([]);
  });
});
