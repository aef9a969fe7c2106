import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '@stax/contracts';
import readme from '../../../README.md?raw';
import { importFormatsTable } from '../src/imports';
import { matrixTable, PROVIDER_MATRIX, ProviderScopeSchema } from '../src/matrix';

// A Markdown table as rows of trimmed cells, so that a formatter's alignment does not count.
function cellsOf(table: string): string[][] {
  return table
    .trim()
    .split('\n')
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replace(/^:?-+:?$/, '---')),
    );
}

function readmeSection(name: string): string {
  const start = readme.indexOf(`<!-- ${name}:start -->`);
  const end = readme.indexOf(`<!-- ${name}:end -->`);
  if (start === -1 || end < start) throw new Error(`README has no ${name} section`);
  return readme
    .slice(start, end)
    .split('\n')
    .filter((line) => line.trim().startsWith('|'))
    .join('\n');
}

describe('PROVIDER_MATRIX', () => {
  it('has one valid entry for every provider, in the order of the ids', () => {
    const ids = PROVIDER_MATRIX.map((entry) => ProviderScopeSchema.parse(entry).id);
    expect(ids).toEqual([...PROVIDER_IDS]);
  });

  it('says that the OpenAI and Anthropic admin keys are not read-only', () => {
    const readOnly = Object.fromEntries(PROVIDER_MATRIX.map((entry) => [entry.id, entry.readOnly]));
    expect(readOnly).toMatchObject({
      openai: false,
      anthropic: false,
      perplexity: null,
      mistral: null,
    });
  });

  it('is the table the root README shows', () => {
    expect(cellsOf(readmeSection('provider-matrix'))).toEqual(cellsOf(matrixTable()));
  });

  it('lists the import formats as the root README does', () => {
    expect(cellsOf(readmeSection('import-formats'))).toEqual(cellsOf(importFormatsTable()));
  });
});
