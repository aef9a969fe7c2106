import { describe, expect, it } from 'vitest';
import { isFinalAttempt, MAX_ATTEMPTS, retryDelaySeconds } from '../src';

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
