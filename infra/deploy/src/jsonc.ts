/**
 * Parses JSON with comments and trailing commas, as wrangler.jsonc is written. Strings are
 * kept intact, so `"https://…"` inside a value is not mistaken for a comment.
 */
export function parseJsonc(text: string): unknown {
  let plain = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index] ?? '';
    const next = text[index + 1] ?? '';
    if (char === '"') {
      const end = endOfString(text, index);
      plain += text.slice(index, end);
      index = end;
    } else if (char === '/' && next === '/') {
      index = text.indexOf('\n', index) === -1 ? text.length : text.indexOf('\n', index);
    } else if (char === '/' && next === '*') {
      index = text.indexOf('*/', index + 2) + 2;
    } else {
      plain += char;
      index += 1;
    }
  }
  return JSON.parse(plain.replace(/,(\s*[}\]])/g, '$1'));
}

function endOfString(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
  return index + 1;
}
