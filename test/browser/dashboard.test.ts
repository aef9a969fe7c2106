import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { expectedOpenAiMicros } from '../e2e/expected';
import { openBrowser, screenshot, type Session } from './browser';

// A fresh address each run, so the steps also hold against a system that is already running.
const EMAIL = `finance-${Date.now()}@acme.example`;
const SYNC_TIMEOUT_MS = 120_000;

/** The UTC days of this month so far, today included (the new workspace's zone is UTC). */
function monthDaysSoFar(now = new Date()): string[] {
  const today = now.toISOString().slice(0, 10);
  const days: string[] = [];
  for (let day = `${today.slice(0, 8)}01`; day <= today; day = nextDay(day)) days.push(day);
  return days;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

// Written apart from the dashboard's own formatting: digits from BigInt, commas by hand.
function dollarsExactly(micros: bigint): string {
  const whole = (micros / 1_000_000n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = (micros % 1_000_000n)
    .toString()
    .padStart(6, '0')
    .replace(/0{1,4}$/, '');
  return `$${whole}.${fraction}`;
}

async function textOf(scope: Page | Locator, selector: string): Promise<string> {
  return (await scope.locator(selector).first().textContent())?.trim() ?? '';
}

describe('the dashboard, driven in Chromium against the system as npm start runs it', () => {
  const appUrl = inject('appUrl');
  const expectedMonthMicros = expectedOpenAiMicros('acme', monthDaysSoFar());
  let session: Session;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowser();
    page = session.page;
  });

  afterAll(async () => {
    await session?.browser.close();
  });

  it('signs in through the link in the simulator mailbox and lands on the overview', async () => {
    await page.goto(appUrl);
    await page.getByLabel('Work email').fill(EMAIL);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();

    await page.getByRole('link', { name: "simulator's mailbox" }).click();
    const mailbox = (await page.locator('body').textContent()) ?? '';
    const links = mailbox.match(/http:\/\/localhost:\d+\/auth\/callback\?token=[\w-]+/g) ?? [];
    const link = links.at(-1);
    expect(link).toBeDefined();
    await page.goto(link ?? '');

    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByText(/^No spend recorded in .+ yet\.$/).waitFor();
    await screenshot(page, '1-overview-empty');
  });

  it('connects a simulated OpenAI key and shows the sync until it is up to date', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Connections' }).click();
    const form = page.getByRole('region', { name: 'Connect a provider' });
    await form.getByLabel('Provider', { exact: true }).selectOption('openai');
    await form.getByLabel('Name', { exact: true }).fill('Acme OpenAI');
    await form.getByLabel('Admin key', { exact: true }).fill('sk-admin-sim-acme');
    await form.getByRole('button', { name: 'Connect', exact: true }).click();

    const card = page.getByRole('article', { name: 'Acme OpenAI' });
    await card.waitFor();
    await card.locator('[data-status="ok"]').waitFor({ timeout: SYNC_TIMEOUT_MS });
    expect(await card.getByText('Up to date').isVisible()).toBe(true);
    expect(await card.locator('.connection-error').count()).toBe(0);
    await screenshot(page, '2-connections-synced');
  });

  it('shows the exact month total on the overview and in the chart data', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Overview' }).click();
    // A backfill is several jobs: the connection is up to date once the first one lands.
    const exact = dollarsExactly(expectedMonthMicros);
    for (let attempt = 0; attempt < 60; attempt += 1) {
      await page.locator('[data-testid="month-total-exact"]').waitFor();
      if ((await textOf(page, '[data-testid="month-total-exact"]')) === exact) break;
      await page.waitForTimeout(1000);
      await page.reload();
    }

    expect(await textOf(page, '[data-testid="month-total-exact"]')).toBe(exact);
    const chart = page.locator('figure.chart[data-currency="USD"]');
    expect(await chart.getAttribute('data-total-micros')).toBe(String(expectedMonthMicros));
    await chart.locator('summary').click();
    expect(await textOf(page, '[data-chart-total]')).toBe(exact);
    expect(await chart.locator('canvas').count()).toBeGreaterThan(0);
    await screenshot(page, '3-overview-month');
  });

  it('keeps the period and grouping in the address and lays out at 375 px and in dark', async () => {
    await page.getByLabel('Period').selectOption('30d');
    await page.getByLabel('Group by').selectOption('model');
    await page.getByRole('heading', { name: 'Spend by model' }).waitFor();
    expect(new URL(page.url()).search).toBe('?period=30d&group=model');

    await page.reload();
    expect(await page.getByLabel('Period').inputValue()).toBe('30d');
    const breakdown = page.getByRole('region', { name: 'Spend by model' });
    await breakdown.getByRole('rowheader', { name: 'gpt-5-mini', exact: true }).waitFor();

    await page.setViewportSize({ width: 375, height: 800 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('figure.chart canvas').first().waitFor();
    const overflow = await page.evaluate('document.documentElement.scrollWidth');
    expect(overflow).toBeLessThanOrEqual(375);
    await screenshot(page, '4-overview-375-dark');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it("creates a monthly budget and shows it against this month's spend", async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Budgets' }).click();
    await page.getByRole('heading', { name: 'Budgets and alerts', level: 1 }).waitFor();
    // Budgets are another issue's endpoint; a deployment without it must say so, not invent.
    if ((await page.request.get(`${appUrl}/api/v1/budgets`)).status() === 404) {
      await page.getByText('Budgets is not available yet.').waitFor();
      await screenshot(page, '5-budgets-not-available');
      return;
    }
    const form = page.getByRole('region', { name: 'New budget' });
    await form.getByLabel('Name', { exact: true }).fill('All AI, monthly');
    await form.getByLabel('Amount', { exact: true }).fill('5000');
    await form.getByLabel('Alert at (% of the budget)', { exact: true }).fill('50, 80, 100');
    await form.getByRole('button', { name: 'Create budget' }).click();

    const card = page.getByRole('article', { name: 'All AI, monthly' });
    await card.waitFor();
    expect(await textOf(card, '[data-testid="budget-amount"]')).toBe('$5,000.00');
    expect(await card.getByText('Alerts at 50% spent, 80% spent, 100% spent').count()).toBe(1);
    expect(await card.locator('.budget-bar').count()).toBe(1);
    await screenshot(page, '5-budgets');
  });

  it('verifies the audit chain after the decrypts of the sync', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    const verdict = page.locator('[data-testid="chain-verdict"]');
    await verdict.waitFor();
    expect(await verdict.textContent()).toMatch(/^Intact: all \d+ events link up\./);
    expect(await page.getByRole('cell', { name: 'Key decrypted to sync' }).count()).toBeGreaterThan(
      0,
    );
    await screenshot(page, '6-audit');
  });

  it('revokes the connection after a confirmation', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Connections' }).click();
    const card = page.getByRole('article', { name: 'Acme OpenAI' });
    await card.getByRole('button', { name: 'Revoke' }).click();
    await card.getByRole('button', { name: 'Yes, revoke it' }).click();

    await page.getByText('No provider is connected yet.').waitFor();
    expect(await page.getByRole('article', { name: 'Acme OpenAI' }).count()).toBe(0);
    await screenshot(page, '7-connections-revoked');
  });

  it('serves the dashboard under the API CSP and the browser reports no error', async () => {
    const dashboard = await page.request.get(`${appUrl}/connections`);
    const api = await page.request.get(`${appUrl}/api/v1/health`);
    expect(dashboard.headers()['content-security-policy']).toBe(
      api.headers()['content-security-policy'],
    );
    expect(session.consoleErrors).toEqual([]);
  });
});
