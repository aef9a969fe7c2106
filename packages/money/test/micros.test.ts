import { describe, expect, it } from 'vitest';
import { addMicros, formatMicros, parseMicros } from '../src';

describe('parseMicros', () => {
  it.each([
    ['12.3456789', 6, 12_345_679],
    ['12.3456785', 6, 12_345_678],
    ['12.3456775', 6, 12_345_678],
    ['0.0000005', 6, 0],
    ['0.0000015', 6, 2],
    ['-0.0000015', 6, -2],
    ['41280.500000', 4, 412_805_000],
    ['7.41999999999', 4, 74_200],
    ['40.16699999999999', 4, 401_670],
    ['0.00005', 4, 0],
    ['0.00015', 4, 2],
    ['1e-7', 6, 0],
    ['1.5e-6', 6, 2],
    ['2.5E-6', 6, 2],
    ['123', 6, 123_000_000],
    ['0', 4, 0],
    ['-0.0', 6, 0],
  ] as const)('reads %s at scale %i as %i micros', (text, scale, micros) => {
    expect(parseMicros(text, scale)).toBe(micros);
  });

  it.each(['', 'abc', '1.2.3', '0x10', '.5', '5.', 'NaN', 'Infinity', '1e999', '1 000'])(
    'refuses %j',
    (text) => {
      expect(parseMicros(text, 6)).toBeNull();
    },
  );

  it('refuses an amount beyond a safe integer of micros', () => {
    expect(parseMicros('9007199254.740993', 6)).toBeNull();
    expect(parseMicros('9007199254.740991', 6)).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('formatMicros', () => {
  it.each([
    [412_805_000, '412.805'],
    [12_345_679, '12.345679'],
    [0, '0.00'],
    [5, '0.000005'],
    [-1_500_000, '-1.50'],
    [100_000_000, '100.00'],
  ])('writes %i as %s', (micros, text) => {
    expect(formatMicros(micros)).toBe(text);
  });

  it('round-trips through parseMicros', () => {
    for (const micros of [1, 10, 999_999, 1_000_001, 123_456_789_012]) {
      expect(parseMicros(formatMicros(micros), 6)).toBe(micros);
    }
  });
});

describe('addMicros', () => {
  it('adds exactly', () => {
    expect(addMicros(1, 2, 3)).toBe(6);
  });

  it('refuses a sum past a safe integer', () => {
    expect(() => addMicros(Number.MAX_SAFE_INTEGER, 1)).toThrow(RangeError);
  });
});
