import { env } from 'cloudflare:workers';
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { budgetStatus, loadBudgets } from '@stax/budgets';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { evaluateWorkspaceAlerts } from '../src/alerts/evaluate';
import { AggregatorEntrypoint } from '../src/index';
import {
  alertDeps,
  captureEmails,
  readAlerts,
  seedAlertWorkspace,
  seedBudget,
  seedCosts,
  type SentEmail,
} from './alert-fixtures';
import { costRecord, db, ingestBatch, seedConnection } from './fixtures';

// Half-way through April 2026 (30 days): 15.5 days elapsed.
const NOW = new Date('2026-04-16T12:00:00.000Z');

async function evaluate(workspaceId: string, now = NOW) {
  return evaluateWorkspaceAlerts(alertDeps(), workspaceId, now);
}

// 60.000001 USD in April across two providers, plus spend that must not count: March, EUR.
async function seedAprilSpend(workspaceId: string) {
  await seedCosts(workspaceId, [
    { start: '2026-04-02T00:00:00Z', micros: 30_000_000, model: 'gpt-5' },
    {
      start: '2026-04-10T00:00:00Z',
      micros: 25_000_001,
      provider: 'anthropic',
      model: 'claude-sonnet-4-6',
    },
    { start: '2026-04-12T00:00:00Z', micros: 5_000_000, model: 'gpt-5-mini' },
    { start: '2026-03-31T00:00:00Z', micros: 900_000_000, model: 'gpt-5' },
    { start: '2026-04-12T00:00:00Z', micros: 999_000_000, currency: 'EUR', provider: 'mistral' },
  ]);
}

async function budgetWithThreeThresholds(workspaceId: string) {
  return seedBudget(workspaceId, {
    name: 'Engineering AI',
    amountMicros: 100_000_000,
    thresholds: [
      [50, 'actual'],
      [80, 'actual'],
      [100, 'forecast'],
    ],
  });
}

async function setAmount(budgetId: string, amountMicros: number) {
  await db
    .updateTable('budgets')
    .set({ amount_micros: amountMicros })
    .where('id', '=', budgetId)
    .execute();
}

function subjects(emails: SentEmail[]): string[] {
  return emails.map((email) => email.subject);
}

beforeEach(() => {
  vi.restoreAllMocks();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('budget threshold alerts', () => {
  it('fires each reached threshold once, by email to the owners, naming the drivers', async () => {
    const outbox = captureEmails();
    const { workspaceId, ownerEmail } = await seedAlertWorkspace();
    const { budgetId, thresholdIds } = await budgetWithThreeThresholds(workspaceId);
    await seedAprilSpend(workspaceId);

    expect(await evaluate(workspaceId)).toEqual({ claimed: 2, sent: 2, failed: 0 });

    const alerts = await readAlerts(workspaceId);
    expect(alerts.map((alert) => [alert.kind, alert.threshold_id, alert.period_start])).toEqual([
      ['budget_threshold', thresholdIds[0], '2026-04-01'],
      ['budget_threshold', thresholdIds[2], '2026-04-01'],
    ]);
    expect(
      alerts.every((alert) => alert.email_status === 'sent' && alert.budget_id === budgetId),
    ).toBe(true);
    expect(subjects(outbox)).toEqual([
      'Stax: budget "Engineering AI" has reached 50%',
      'Stax: budget "Engineering AI" is forecast to reach 100%',
    ]);
    expect(outbox.map((email) => email.idempotencyKey)).toEqual(alerts.map((alert) => alert.id));
    expect(outbox[0]?.to).toEqual([ownerEmail]);
    expect(outbox[0]?.from).toBe('Stax alerts <alerts@stax.local>');
    expect(outbox[0]?.text).toBe(
      [
        'Budget "Engineering AI": 100.00 USD for the month from 2026-04-01 to before 2026-05-01 (UTC).',
        'Spent so far: 60.000001 USD (60.0%). Forecast for the period at the current run rate: 116.129034 USD (116.1%).',
        'Top providers:',
        '- openai: 35.00 USD\n- anthropic: 25.000001 USD',
        'Top models:',
        '- gpt-5: 30.00 USD\n- claude-sonnet-4-6: 25.000001 USD\n- gpt-5-mini: 5.00 USD',
        'This threshold alerts once per period.',
        'Open Stax: https://stax.test/budgets',
      ].join('\n\n'),
    );
    expect(outbox[0]?.html).toContain('<li>anthropic: 25.000001 USD</li>');
    expect(outbox[0]?.html).toContain('<a href="https://stax.test/budgets">Open Stax</a>');
  });

  it('sends nothing more when evaluation runs again in the same period', async () => {
    const outbox = captureEmails();
    const { workspaceId } = await seedAlertWorkspace();
    await budgetWithThreeThresholds(workspaceId);
    await seedAprilSpend(workspaceId);

    await evaluate(workspaceId);
    for (const hours of [1, 2, 48]) {
      const later = new Date(NOW.getTime() + hours * 3_600_000);
      expect(await evaluate(workspaceId, later)).toEqual({ claimed: 0, sent: 0, failed: 0 });
    }

    expect(outbox).toHaveLength(2);
    expect(await readAlerts(workspaceId)).toHaveLength(2);
  });

  it('sends each alert once when ten evaluations race', async () => {
    const outbox = captureEmails();
    const { workspaceId } = await seedAlertWorkspace();
    await budgetWithThreeThresholds(workspaceId);
    await seedAprilSpend(workspaceId);

    const summaries = await Promise.all(Array.from({ length: 10 }, () => evaluate(workspaceId)));

    expect(summaries.reduce((sum, summary) => sum + summary.claimed, 0)).toBe(2);
    expect(subjects(outbox).sort()).toEqual([
      'Stax: budget "Engineering AI" has reached 50%',
      'Stax: budget "Engineering AI" is forecast to reach 100%',
    ]);
    expect(await readAlerts(workspaceId)).toHaveLength(2);
    // Ten full evaluations at once take a while on a busy machine.
  }, 30_000);

  it('sends one resolved email per threshold when the budget is raised, then stays quiet', async () => {
    const outbox = captureEmails();
    const { workspaceId } = await seedAlertWorkspace();
    const { budgetId } = await budgetWithThreeThresholds(workspaceId);
    await seedAprilSpend(workspaceId);
    await evaluate(workspaceId);

    await setAmount(budgetId, 200_000_000);
    expect(await evaluate(workspaceId)).toEqual({ claimed: 2, sent: 2, failed: 0 });
    await evaluate(workspaceId);
    await setAmount(budgetId, 100_000_000);
    expect(await evaluate(workspaceId)).toEqual({ claimed: 0, sent: 0, failed: 0 });

    expect(subjects(outbox)).toEqual([
      'Stax: budget "Engineering AI" has reached 50%',
      'Stax: budget "Engineering AI" is forecast to reach 100%',
      'Stax: budget "Engineering AI" is back under 50% (spend)',
      'Stax: budget "Engineering AI" is back under 100% (forecast)',
    ]);
    expect(outbox[2]?.text).toContain('Spent so far: 60.000001 USD (30.0%).');
  });

  it('sends one resolved email when a correction brings spend back under', async () => {
    const outbox = captureEmails();
    const { workspaceId } = await seedAlertWorkspace();
    await seedBudget(workspaceId, { amountMicros: 50_000_000, thresholds: [[100, 'actual']] });
    await seedCosts(workspaceId, [{ start: '2026-04-03T00:00:00Z', micros: 50_000_000 }]);
    await evaluate(workspaceId);

    // The provider revised the day down by one micro-unit.
    await db
      .updateTable('cost_records')
      .set({ billed_cost_micros: 49_999_999 })
      .where('workspace_id', '=', workspaceId)
      .execute();
    await evaluate(workspaceId);
    await evaluate(workspaceId);

    expect(subjects(outbox)).toEqual([
      'Stax: budget "AI spend" has reached 100%',
      'Stax: budget "AI spend" is back under 100% (spend)',
    ]);
  });

  it('fires again in the next period, and only for that period', async () => {
    const outbox = captureEmails();
    const { workspaceId } = await seedAlertWorkspace();
    await seedBudget(workspaceId, { amountMicros: 10_000_000, thresholds: [[90, 'actual']] });
    await seedCosts(workspaceId, [
      { start: '2026-04-05T00:00:00Z', micros: 9_000_000 },
      { start: '2026-05-03T00:00:00Z', micros: 9_500_000 },
    ]);

    await evaluate(workspaceId);
    await evaluate(workspaceId, new Date('2026-05-01T00:00:00Z'));
    await evaluate(workspaceId, new Date('2026-05-20T00:00:00Z'));

    const alerts = await readAlerts(workspaceId);
    expect(alerts.map((alert) => alert.period_start)).toEqual(['2026-04-01', '2026-05-01']);
    expect(outbox.map((email) => email.text.split('\n')[0])).toEqual([
      'Budget "AI spend": 10.00 USD for the month from 2026-04-01 to before 2026-05-01 (UTC).',
      'Budget "AI spend": 10.00 USD for the month from 2026-05-01 to before 2026-06-01 (UTC).',
    ]);
  });

  it('waits for a tenth of the period before alerting on the forecast', async () => {
    const outbox = captureEmails();
    const { workspaceId } = await seedAlertWorkspace();
    await seedBudget(workspaceId, { amountMicros: 100_000_000, thresholds: [[100, 'forecast']] });
    await seedCosts(workspaceId, [{ start: '2026-04-01T00:00:00Z', micros: 20_000_000 }]);

    // 1.5 days in: the run rate says 400 USD, but it is noise yet.
    expect(await evaluate(workspaceId, new Date('2026-04-02T12:00:00Z'))).toMatchObject({
      claimed: 0,
    });
    // 3 days in: 20 USD × 30 / 3 = 200 USD.
    expect(await evaluate(workspaceId, new Date('2026-04-04T00:00:00Z'))).toMatchObject({
      claimed: 1,
    });

    expect(outbox[0]?.text).toContain(
      'Forecast for the period at the current run rate: 200.00 USD (200.0%).',
    );
  });

  it('retries an email Resend refused, later, with the same idempotency key and payload', async () => {
    const outbox = captureEmails(1);
    const { workspaceId } = await seedAlertWorkspace();
    await seedBudget(workspaceId, { amountMicros: 10_000_000, thresholds: [[50, 'actual']] });
    await seedCosts(workspaceId, [{ start: '2026-04-05T00:00:00Z', micros: 6_000_000 }]);

    expect(await evaluate(workspaceId)).toEqual({ claimed: 1, sent: 0, failed: 1 });
    // Too soon: the evaluation that claimed an alert may still be sending it.
    expect(await evaluate(workspaceId, new Date(NOW.getTime() + 60_000))).toMatchObject({
      sent: 0,
    });
    expect(await evaluate(workspaceId, new Date(NOW.getTime() + 6 * 60_000))).toEqual({
      claimed: 0,
      sent: 1,
      failed: 0,
    });

    const [alert] = await readAlerts(workspaceId);
    expect(alert).toMatchObject({ email_status: 'sent', email_attempts: 2, email_error: null });
    expect(outbox.map((email) => email.idempotencyKey)).toEqual([alert?.id]);
  });

  it("sends to the workspace's alert recipients when they are set", async () => {
    const outbox = captureEmails();
    const { workspaceId } = await seedAlertWorkspace();
    const recipients = ['finance@example.com', 'cto@example.com'];
    await db
      .updateTable('workspaces')
      .set({ alert_recipients: JSON.stringify(recipients) })
      .where('id', '=', workspaceId)
      .execute();
    await seedBudget(workspaceId, { amountMicros: 1_000_000, thresholds: [[100, 'actual']] });
    await seedCosts(workspaceId, [{ start: '2026-04-05T00:00:00Z', micros: 1_000_000 }]);

    await evaluate(workspaceId);

    expect(outbox.map((email) => email.to)).toEqual([recipients]);
  });

  it('records an alert without recipients and sends nothing', async () => {
    const outbox = captureEmails();
    const { workspaceId } = await seedAlertWorkspace();
    await db.deleteFrom('memberships').where('workspace_id', '=', workspaceId).execute();
    await seedBudget(workspaceId, { amountMicros: 1_000_000, thresholds: [[100, 'actual']] });
    await seedCosts(workspaceId, [{ start: '2026-04-05T00:00:00Z', micros: 1_000_000 }]);

    expect(await evaluate(workspaceId)).toEqual({ claimed: 1, sent: 0, failed: 0 });

    expect((await readAlerts(workspaceId)).map((alert) => alert.email_status)).toEqual([
      'no_recipients',
    ]);
    expect(outbox).toEqual([]);
  });

  it('sends one email when an ingest is redelivered and evaluates after each', async () => {
    const outbox = captureEmails();
    const { workspaceId } = await seedAlertWorkspace();
    const ref = await seedConnection({ workspace_id: workspaceId });
    await seedBudget(workspaceId, { amountMicros: 5_000_000, thresholds: [[100, 'actual']] });
    const today = new Date().toISOString().slice(0, 10);
    const batch = ingestBatch(ref, {
      costs: [costRecord({ chargePeriodStart: `${today}T00:00:00Z`, billedCostMicros: 5_000_000 })],
      usage: [],
    });

    for (let delivery = 0; delivery < 3; delivery += 1) {
      const exec = createExecutionContext();
      const result = await new AggregatorEntrypoint(exec, env).ingest(batch);
      await waitOnExecutionContext(exec);
      expect(result.ok).toBe(true);
    }

    expect(subjects(outbox)).toEqual(['Stax: budget "AI spend" has reached 100%']);
  });
});

describe('budgetStatus', () => {
  // Los Angeles: April 2026 runs from 2026-04-01T07:00Z to 2026-05-01T07:00Z.
  const LA_NOW = new Date('2026-04-20T19:00:00Z');

  async function losAngelesWorkspace() {
    const { workspaceId } = await seedAlertWorkspace('America/Los_Angeles');
    await seedCosts(workspaceId, [
      // 31 March 17:00 local: March.
      { start: '2026-04-01T00:00:00Z', micros: 700_000_000 },
      // 1 April 00:00 local exactly: April.
      { start: '2026-04-01T07:00:00Z', micros: 1, connectionId: 'con_b', model: null },
      {
        start: '2026-04-02T00:00:00Z',
        micros: 2_000_000,
        provider: 'anthropic',
        model: 'claude-opus-4-1',
      },
      { start: '2026-04-18T00:00:00Z', micros: 3_000_000, connectionId: 'con_b' },
      // 30 April 17:00 local: still April.
      { start: '2026-05-01T00:00:00Z', micros: 4_000_000 },
      // 1 May 00:00 local: May.
      { start: '2026-05-01T07:00:00Z', micros: 800_000_000 },
      { start: '2026-04-10T00:00:00Z', micros: 900_000_000, currency: 'EUR' },
    ]);
    return workspaceId;
  }

  it.each([
    ['the whole workspace', { kind: 'workspace', value: null }, 9_000_001],
    ['a provider', { kind: 'provider', value: 'anthropic' }, 2_000_000],
    ['a connection', { kind: 'connection', value: 'con_b' }, 3_000_001],
    ['a model', { kind: 'model', value: 'gpt-5' }, 7_000_000],
    ['a tag (the first by priority that matches a record)', { kind: 'tag', value: 'tag_b' }, 1],
  ] as const)(
    'counts only the local period of a budget created mid-period, for %s',
    async (_label, scope, spendMicros) => {
      const workspaceId = await losAngelesWorkspace();
      // con_b's gpt-5 record falls under tag_a (priority 0); only its model-less one is tag_b's.
      await seedTag(workspaceId, 'tag_a', 0, ['model', 'prefix', 'gpt-']);
      await seedTag(workspaceId, 'tag_b', 1, ['connection', 'exact', 'con_b']);
      // Tag ids are global: each workspace gets its own, named after the table's.
      const scoped =
        scope.kind === 'tag' ? { ...scope, value: `${scope.value}-${workspaceId}` } : scope;
      await seedBudget(workspaceId, { amountMicros: 10_000_000, scope: scoped, thresholds: [] });
      const [budget] = await loadBudgets(db, workspaceId);
      if (!budget) throw new Error('no budget');

      const calendar = { timeZone: 'America/Los_Angeles', weekStart: 1 };
      const status = await budgetStatus(db, budget, calendar, LA_NOW);

      expect(status.period).toEqual({
        startDate: '2026-04-01',
        endDate: '2026-05-01',
        start: '2026-04-01T07:00:00.000Z',
        end: '2026-05-01T07:00:00.000Z',
      });
      expect(status.spendMicros).toBe(spendMicros);
    },
  );

  type Rule = ['provider' | 'connection' | 'model', 'exact' | 'prefix', string];

  async function seedTag(workspaceId: string, id: string, priority: number, rule: Rule) {
    const [field, matchKind, value] = rule;
    const at = '2026-01-01T00:00:00Z';
    const tagId = `${id}-${workspaceId}`;
    await db
      .insertInto('tags')
      .values({
        id: tagId,
        workspace_id: workspaceId,
        name: id,
        priority,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db
      .insertInto('tag_rules')
      .values({
        workspace_id: workspaceId,
        tag_id: tagId,
        position: 0,
        field,
        match_kind: matchKind,
        value,
      })
      .execute();
  }

  it('lists the days with spend and marks the last three UTC days provisional', async () => {
    const workspaceId = await losAngelesWorkspace();
    await seedBudget(workspaceId, { amountMicros: 10_000_000, thresholds: [[100, 'forecast']] });
    const [budget] = await loadBudgets(db, workspaceId);
    if (!budget) throw new Error('no budget');

    const status = await budgetStatus(
      db,
      budget,
      { timeZone: 'America/Los_Angeles', weekStart: 1 },
      LA_NOW,
    );

    expect(status.days).toEqual([
      { day: '2026-04-01', amountMicros: 1, provisional: false },
      { day: '2026-04-02', amountMicros: 2_000_000, provisional: false },
      { day: '2026-04-18', amountMicros: 3_000_000, provisional: true },
      { day: '2026-05-01', amountMicros: 4_000_000, provisional: true },
    ]);
    expect(status.state).toBe('at_risk');
    expect(status.thresholds.map((threshold) => threshold.reached)).toEqual([true]);
  });
});
