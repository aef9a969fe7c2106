/** One record of a CSV file: its fields and the line it starts on (1-based). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Where and why a file cannot be read. `column` is 1-based; null when a whole line is at fault. */
export interface FileProblem {
  line: number;
  column: number | null;
  columnName: string | null;
  message: string;
}

export type CsvResult = { ok: true; records: CsvRecord[] } | { ok: false; problem: FileProblem };

const BYTE_ORDER_MARK = '\uFEFF';

interface CsvState {
  records: CsvRecord[];
  fields: string[];
  field: string;
  /** The field opened with a quote and is still open. */
  inQuotes: boolean;
  /** The field's closing quote has been read; only a separator may follow. */
  closed: boolean;
  line: number;
  recordLine: number;
  quoteLine: number;
}

/**
 * Reads RFC 4180 CSV: a leading byte order mark is dropped; records end with CRLF, LF or CR;
 * a quoted field may hold commas, quotes written twice and line breaks. Blank lines are
 * skipped. A stray quote or an unclosed quoted field is a problem naming its line and column,
 * never a guess.
 */
export function parseCsv(text: string): CsvResult {
  const source = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  const state: CsvState = {
    records: [],
    fields: [],
    field: '',
    inQuotes: false,
    closed: false,
    line: 1,
    recordLine: 1,
    quoteLine: 1,
  };
  let index = 0;
  while (index < source.length) {
    const step = state.inQuotes
      ? quotedStep(source, index, state)
      : plainStep(source, index, state);
    if (typeof step !== 'number') return { ok: false, problem: step };
    index = step;
  }
  if (state.inQuotes) {
    return problemAt(state.quoteLine, state.fields.length + 1, 'a quoted field is never closed');
  }
  endRecord(state);
  return { ok: true, records: state.records };
}

function quotedStep(source: string, index: number, state: CsvState): number {
  const char = source.charAt(index);
  if (char === '"') {
    if (source.charAt(index + 1) === '"') {
      state.field += '"';
      return index + 2;
    }
    state.inQuotes = false;
    state.closed = true;
    return index + 1;
  }
  if (char === '\r' || char === '\n') {
    // A line break inside a field is kept as LF, whichever break the file used.
    state.field += '\n';
    state.line += 1;
    return char === '\r' && source.charAt(index + 1) === '\n' ? index + 2 : index + 1;
  }
  state.field += char;
  return index + 1;
}

function plainStep(source: string, index: number, state: CsvState): number | FileProblem {
  const char = source.charAt(index);
  const column = state.fields.length + 1;
  if (char === ',') {
    endField(state);
    return index + 1;
  }
  if (char === '\r' || char === '\n') {
    endRecord(state);
    state.line += 1;
    state.recordLine = state.line;
    return char === '\r' && source.charAt(index + 1) === '\n' ? index + 2 : index + 1;
  }
  if (state.closed) return problem(state.line, column, 'text follows a closing quote');
  if (char === '"') {
    if (state.field !== '') return problem(state.line, column, 'a quote inside an unquoted field');
    state.inQuotes = true;
    state.quoteLine = state.line;
    return index + 1;
  }
  state.field += char;
  return index + 1;
}

function endField(state: CsvState): void {
  state.fields.push(state.field);
  state.field = '';
  state.closed = false;
}

function endRecord(state: CsvState): void {
  const blank = state.fields.length === 0 && state.field === '' && !state.closed;
  if (!blank) {
    endField(state);
    state.records.push({ line: state.recordLine, fields: state.fields });
  }
  state.fields = [];
  state.field = '';
  state.closed = false;
}

function problem(line: number, column: number | null, message: string): FileProblem {
  return { line, column, columnName: null, message };
}

function problemAt(line: number, column: number, message: string): CsvResult {
  return { ok: false, problem: problem(line, column, message) };
}
