import { describe, expect, it } from 'vitest';
import { isFinalAttempt, MAX_ATTEMPTS, retryBaseSecondsOf, retryDelaySeconds } from '../src';

describe('retryDelaySeconds', () => {
  it.each([
    [1, 0, 0, 30],
    [1, 0, 0.999, 59],
    [2, 0, 0, 60],
    [5, 0, 0, 480],
    [1, 300, 0.5, 300],
    [1, 10, 0.5, 45],
    [12, 0, 0, 43_200],
    [40, 0, 0.9, 43_200],
    [1, 100_000, 0, 43_200],
  ])(
    'after %i attempts with a floor of %is and jitter %d waits %is',
    (attempts, floor, random, delay) => {
      expect(retryDelaySeconds(attempts, floor, () => random)).toBe(delay);
    },
  );
});

describe('retryDelaySeconds with an environment base', () => {
  it.each([
    [1, 0, 0, 1],
    [1, 0, 0.999, 1],
    [3, 0, 0, 4],
    [5, 0, 0.5, 16],
    [2, 5, 0, 5],
  ])(
    'after %i attempts with a floor of %is and jitter %d waits %is at a base of 1 s',
    (attempts, floor, random, delay) => {
      expect(retryDelaySeconds(attempts, floor, () => random, 1)).toBe(delay);
    },
  );
});

describe('retryBaseSecondsOf', () => {
  it.each([
    [undefined, 30],
    ['', 30],
    ['1', 1],
    ['5', 5],
    ['3600', 3600],
    ['0', 30],
    ['-1', 30],
    ['1.5', 30],
    ['3601', 30],
    ['soon', 30],
  ])('reads %j as %i seconds', (value, seconds) => {
    expect(retryBaseSecondsOf(value)).toBe(seconds);
  });
});

describe('isFinalAttempt', () => {
  it.each([
    [1, false],
    [5, false],
    [6, true],
    [7, true],
  ])('attempt %i is final: %s', (attempts, final) => {
    expect(isFinalAttempt(attempts)).toBe(final);
  });

  it('matches max_retries 5 of the queue config plus the first delivery', () => {
    expect(MAX_ATTEMPTS).toBe(6);
  });
});
