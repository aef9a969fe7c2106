import { describe, expect, it } from 'vitest';
import { parseCsv } from '../src/imports/csv';

describe('parseCsv', () => {
  it.each([
    [
      'LF',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CRLF',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CR',
      'a,b\r1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'a byte order mark',
      '\uFEFFa,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['a quoted comma', 'a\n"x, y"', [['a'], ['x, y']]],
    ['a doubled quote', 'a\n"say ""hi"""', [['a'], ['say "hi"']]],
    [
      'a quoted CRLF',
      'a,b\n"one\r\ntwo",3',
      [
        ['a', 'b'],
        ['one\ntwo', '3'],
      ],
    ],
    [
      'empty fields',
      'a,b,c\n,,',
      [
        ['a', 'b', 'c'],
        ['', '', ''],
      ],
    ],
    ['an empty quoted field', 'a\n""', [['a'], ['']]],
    ['blank lines', 'a\n\n1\r\n\r\n', [['a'], ['1']]],
  ])('reads %s', (_, text, fields) => {
    const parsed = parseCsv(text);
    expect(parsed.ok && parsed.records.map((record) => record.fields)).toEqual(fields);
  });

  it('numbers each record by the line it starts on', () => {
    const parsed = parseCsv('a,b\n"x\ny",1\n\nz,2\n');
    expect(parsed.ok && parsed.records.map((record) => record.line)).toEqual([1, 2, 5]);
  });

  it.each([
    [
      'a stray quote',
      'a,b\n1,x"y\n',
      { line: 2, column: 2, message: 'a quote inside an unquoted field' },
    ],
    [
      'text after a closing quote',
      'a,b\n"x"y,1',
      { line: 2, column: 1, message: 'text follows a closing quote' },
    ],
    [
      'an unclosed quote',
      'a,b\n1,2\n3,"open\nstill',
      { line: 3, column: 2, message: 'a quoted field is never closed' },
    ],
  ])('refuses %s, naming line and column', (_, text, where) => {
    expect(parseCsv(text)).toEqual({ ok: false, problem: { ...where, columnName: null } });
  });
});
