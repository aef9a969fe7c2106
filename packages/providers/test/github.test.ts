import { describe, expect, it } from 'vitest';
import { credentialFormatSchema, gitHubAdapter, isAllowedOutbound, nextPageOfLink } from '../src';
import aiCreditUsage from './fixtures/github-ai-credit-usage.json?raw';
import seatsSummary from './fixtures/github-copilot-billing.json?raw';
import seatsPage from './fixtures/github-copilot-seats.json?raw';

const credential = { token: 'ghp_example0123', org: 'example-org' };
const now = new Date('2026-07-21T08:00:00Z');
const window = { from: '2026-07-20', to: '2026-09-02' };
const source = (name: string) => {
  const found = gitHubAdapter.sources.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no source ${name}`);
  return found;
};

describe('gitHubAdapter AI-credit usage', () => {
  it('asks for each month the window touches, starting with the first', () => {
    const usage = source('ai credit usage');
    expect(usage.request(window, null, credential)).toEqual({
      path: '/organizations/example-org/settings/billing/ai_credit/usage',
      query: [
        ['year', '2026'],
        ['month', '7'],
      ],
    });
    expect(usage.request(window, '2026-09', credential).query).toEqual([
      ['year', '2026'],
      ['month', '9'],
    ]);
  });

  it('maps netAmount dollars to micro-dollars per model for the month', () => {
    const page = source('ai credit usage').readPage(aiCreditUsage, {
      window,
      page: null,
      link: null,
      now,
    });
    if (!page.ok) throw new Error('the fixture does not read');
    expect(page.value.nextPage).toBe('2026-08');
    expect(page.value.records.costs).toEqual([
      {
        recordKey: 'cost|2026-07|Copilot|Copilot AI Credits|claude-sonnet-4.5',
        chargePeriodStart: '2026-07-01T00:00:00Z',
        chargePeriodEnd: '2026-08-01T00:00:00Z',
        chargeCategory: 'usage',
        billedCostMicros: 140_000_000,
        currency: 'USD',
        serviceName: 'GitHub Copilot',
        model: 'claude-sonnet-4.5',
        chargeDescription: 'Copilot AI Credits',
        projectId: null,
        apiKeyId: null,
        consumedQuantity: 14_000,
        consumedUnit: 'ai-credits',
        source: 'reported',
      },
      expect.objectContaining({ billedCostMicros: 10_370_000, consumedQuantity: 1037 }),
    ]);
  });

  it('stops after the last month of the window', () => {
    const july = { from: '2026-07-01', to: '2026-08-01' };
    const page = source('ai credit usage').readPage(aiCreditUsage, {
      window: july,
      page: null,
      link: null,
      now,
    });
    expect(page).toMatchObject({ ok: true, value: { nextPage: null } });
  });

  it('fails when netAmount is missing, rather than counting zero', () => {
    const body = aiCreditUsage.replace('"netAmount": 140.0', '"netTotal": 140.0');
    const page = source('ai credit usage').readPage(body, { window, page: null, link: null, now });
    expect(page).toMatchObject({ ok: false, error: { code: 'unexpected_format' } });
  });
});

describe('gitHubAdapter seats', () => {
  it('counts seats and pending cancellations of a list page, never people', () => {
    const link =
      '<https://api.github.com/orgs/example-org/copilot/billing/seats?per_page=2&page=2>; rel="next", <https://api.github.com/orgs/example-org/copilot/billing/seats?per_page=2&page=20>; rel="last"';
    const page = source('seats').readPage(seatsPage, { window, page: null, link, now });
    expect(page).toEqual({
      ok: true,
      value: {
        records: {
          costs: [],
          usage: [],
          totals: [],
          seats: [
            {
              recordKey: 'seats|2026-07-21',
              day: '2026-07-21',
              totalSeats: 2,
              activeSeats: 0,
              inactiveSeats: 0,
              pendingCancellationSeats: 1,
              pendingInvitationSeats: 0,
            },
          ],
        },
        skipped: 0,
        nextPage: '2',
      },
    });
    expect(JSON.stringify(page)).not.toContain('octo-dev');
  });

  it("adds the summary's cycle activity to the counted list", () => {
    const read = (name: string, body: string) => {
      const page = source(name).readPage(body, { window, page: null, link: null, now });
      if (!page.ok) throw new Error('no page');
      return page.value.records;
    };
    const summary = read('seats summary', seatsSummary);
    const list = read('seats', seatsPage);
    const combined = gitHubAdapter.combine({
      ...summary,
      seats: [...summary.seats, ...list.seats],
    });
    expect(combined.seats).toEqual([
      {
        recordKey: 'seats|2026-07-21',
        day: '2026-07-21',
        totalSeats: 2,
        activeSeats: 34,
        inactiveSeats: 6,
        pendingCancellationSeats: 1,
        pendingInvitationSeats: 2,
      },
    ]);
  });

  it.each([
    [null, null],
    ['<https://api.github.com/x?page=1>; rel="prev"', null],
    ['<https://api.github.com/x?per_page=100&page=3>; rel="next"', '3'],
    ['<https://evil.example/x?page=2>; rel="next"', '2'],
    ['<https://api.github.com/x?page=two>; rel="next"', null],
  ])('reads the next page of Link %j as %j (the link itself is never followed)', (link, page) => {
    expect(nextPageOfLink(link)).toBe(page);
  });

  it('reads seats only when the window holds today', () => {
    expect(source('seats').appliesTo?.(window, now)).toBe(true);
    expect(source('seats').appliesTo?.({ from: '2026-06-01', to: '2026-07-01' }, now)).toBe(false);
  });
});

describe('GitHub credentials and calls', () => {
  it('builds the credential from the token and the connection’s organization', () => {
    expect(gitHubAdapter.credentialOf('ghp_example0123', { org: 'example-org' })).toEqual(
      credential,
    );
    expect(gitHubAdapter.credentialFormat.safeParse({ token: 'ghp_example0123' }).success).toBe(
      false,
    );
  });

  it('sends the token, the JSON media type, the API version and a User-Agent', () => {
    expect(gitHubAdapter.authHeaders(credential)).toEqual({
      authorization: 'Bearer ghp_example0123',
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2026-03-10',
      'user-agent': 'Stax/0.1 (+billing sync)',
    });
  });

  it.each([
    ['ghp_0123456789abcdef', true],
    ['gho_0123456789abcdef', true],
    ['github_pat_11ABCDEFG0123456789', true],
    ['ghs_0123456789abcdef', false],
    ['not-a-token', false],
  ])('accepts %s as a GitHub token: %s', (token, accepted) => {
    expect(credentialFormatSchema('github').safeParse(token).success).toBe(accepted);
  });

  it.each([
    ['GET', '/orgs/acme/copilot/billing', true],
    ['GET', '/orgs/acme/copilot/billing/seats', true],
    ['GET', '/organizations/acme/settings/billing/ai_credit/usage', true],
    ['POST', '/login/oauth/access_token', true],
    ['POST', '/orgs/acme/copilot/billing/selected_users', false],
    ['DELETE', '/orgs/acme/copilot/billing/selected_users', false],
    ['GET', '/orgs/acme/members', false],
    ['GET', '/orgs/acme/x/copilot/billing', false],
  ])('allows %s %s: %s', (method, path, allowed) => {
    expect(isAllowedOutbound('github', method, path)).toBe(allowed);
  });
});
