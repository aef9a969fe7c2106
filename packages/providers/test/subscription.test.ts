import { describe, expect, it } from 'vitest';
import {
  nextRenewal,
  periodOf,
  periodsBetween,
  renewalReminderDue,
  subscriptionCharge,
  toSubscriptionPlan,
  type SubscriptionPlan,
} from '../src/subscription';

const monthly: SubscriptionPlan = toSubscriptionPlan({
  seats: 12,
  pricePerSeat: '25.50',
  currency: 'USD',
  billingCycle: 'monthly',
  renewalDate: '2026-12-31',
});

describe('periodOf', () => {
  it.each([
    ['2026-12-03', { start: '2026-11-30', end: '2026-12-31' }],
    ['2026-12-31', { start: '2026-12-31', end: '2027-01-31' }],
    ['2027-02-28', { start: '2027-02-28', end: '2027-03-31' }],
    ['2027-02-27', { start: '2027-01-31', end: '2027-02-28' }],
    ['2026-03-15', { start: '2026-02-28', end: '2026-03-31' }],
  ])('puts %s in %j for a plan renewing on the 31st', (day, period) => {
    expect(periodOf(monthly, day)).toEqual(period);
  });

  it('cuts annual periods on the renewal day', () => {
    const annual = { ...monthly, billingCycle: 'annual' as const, renewalDate: '2027-03-01' };
    expect(periodOf(annual, '2026-12-03')).toEqual({ start: '2026-03-01', end: '2027-03-01' });
  });
});

describe('periodsBetween', () => {
  it('lists every period from the one holding the start to the current one', () => {
    expect(periodsBetween(monthly, '2026-10-05', '2026-12-03')).toEqual([
      { start: '2026-09-30', end: '2026-10-31' },
      { start: '2026-10-31', end: '2026-11-30' },
      { start: '2026-11-30', end: '2026-12-31' },
    ]);
  });
});

describe('subscriptionCharge', () => {
  it('charges seats × price per seat exactly, as a computed purchase', () => {
    expect(
      subscriptionCharge(monthly, 'chatgpt', { start: '2026-11-30', end: '2026-12-31' }),
    ).toEqual({
      recordKey: 'subscription|2026-11-30',
      chargePeriodStart: '2026-11-30T00:00:00Z',
      chargePeriodEnd: '2026-12-31T00:00:00Z',
      chargeCategory: 'purchase',
      billedCostMicros: 306_000_000,
      currency: 'USD',
      serviceName: 'ChatGPT subscription',
      model: null,
      chargeDescription: '12 seats × 25.50 USD, monthly',
      projectId: null,
      apiKeyId: null,
      consumedQuantity: 12,
      consumedUnit: 'seats',
      source: 'computed',
    });
  });

  it('keeps a price to the micro-unit', () => {
    const plan = toSubscriptionPlan({ ...monthlyInput(), seats: 3, pricePerSeat: '0.333333' });
    expect(
      subscriptionCharge(plan, 'mistral', { start: '2026-11-30', end: '2026-12-31' })
        .billedCostMicros,
    ).toBe(999_999);
  });
});

describe('renewal reminders', () => {
  it.each([
    ['2026-12-17', { renewalDate: '2026-12-31', daysBefore: 14 }],
    ['2026-12-28', { renewalDate: '2026-12-31', daysBefore: 3 }],
    ['2026-12-18', null],
    ['2026-12-31', null],
  ])('on %s answers %j', (today, due) => {
    expect(renewalReminderDue(monthly, today)).toEqual(due);
  });

  it('names the next renewal day', () => {
    expect(nextRenewal(monthly, '2026-12-31')).toBe('2027-01-31');
  });
});

function monthlyInput() {
  return {
    seats: 12,
    pricePerSeat: '25.50',
    currency: 'USD',
    billingCycle: 'monthly' as const,
    renewalDate: '2026-12-31',
  };
}
