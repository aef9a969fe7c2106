import { describe, expect, it } from 'vitest';
import { parseExactJson } from '../src';

describe('parseExactJson', () => {
  it('keeps 12.345678901234567 digit for digit', () => {
    expect(parseExactJson('{"value":12.345678901234567}')).toEqual({ value: '12.345678901234567' });
  });

  it.each([
    ['12.3456785', '12.3456785'],
    ['0.0000005', '0.0000005'],
    ['1e-7', '1e-7'],
    ['41280.500000', '41280.500000'],
    ['9007199254740993', '9007199254740993'],
    ['-0.0', '-0.0'],
  ])('returns the number %s as the text %j', (source, text) => {
    expect(parseExactJson(`[${source}]`)).toEqual([text]);
  });

  it('leaves strings, booleans and null as they are', () => {
    expect(parseExactJson('{"a":"1.50","b":true,"c":null,"d":[false]}')).toEqual({
      a: '1.50',
      b: true,
      c: null,
      d: [false],
    });
  });

  it('throws a SyntaxError on text that is not JSON', () => {
    expect(() => parseExactJson('{"value": 1,}')).toThrow(SyntaxError);
  });
});
