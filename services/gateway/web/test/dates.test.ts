import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayIn,
  daysOf,
  formatAgo,
  formatDay,
  formatInstant,
  isTimeZone,
} from '../src/format/dates';

describe('dayIn', () => {
  it.each([
    ['UTC', '2026-12-31T23:30:00Z', '2026-12-31'],
    ['Europe/Paris', '2026-12-31T23:30:00Z', '2027-01-01'],
    ['America/Los_Angeles', '2026-03-01T05:00:00Z', '2026-02-28'],
    ['Asia/Kolkata', '2026-06-30T18:29:00Z', '2026-06-30'],
    ['Asia/Kolkata', '2026-06-30T18:30:00Z', '2026-07-01'],
  ])('in %s, %s falls on %s', (zone, instant, day) => {
    expect(dayIn(zone, new Date(instant))).toBe(day);
  });
});

describe('days', () => {
  it('moves across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('lists every day of [from, to)', () => {
    expect(daysOf('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(daysOf('2026-03-02', '2026-03-02')).toEqual([]);
  });
});

describe('formatting dates', () => {
  it('writes an instant in the workspace time zone', () => {
    expect(formatInstant('2026-12-03T16:57:00Z', 'UTC', 'en-US')).toBe('Dec 3, 2026, 4:57 PM');
    expect(formatInstant('2026-12-03T16:57:00Z', 'Asia/Tokyo', 'en-US')).toBe(
      'Dec 4, 2026, 1:57 AM',
    );
  });

  it('writes a billing day as the same calendar day in any zone', () => {
    expect(formatDay('2026-12-01', 'en-US')).toBe('Dec 1, 2026');
    expect(formatDay('2026-12-01', 'en-US', 'short')).toBe('Dec 1');
  });

  it.each([
    ['2026-12-03T16:59:30Z', 'now'],
    ['2026-12-03T16:55:00Z', '5 minutes ago'],
    ['2026-12-03T14:00:00Z', '3 hours ago'],
    ['2026-12-02T12:00:00Z', 'yesterday'],
  ])('says %s was %s', (iso, words) => {
    expect(formatAgo(iso, new Date('2026-12-03T17:00:00Z'), 'en-US')).toBe(words);
  });

  it('knows a time zone from a typo', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Europe/Pariss')).toBe(false);
  });
});
