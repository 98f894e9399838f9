import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../../engine/errors.js';
import { parseConfig, parseDsl } from '../../../../parsers/dsl/syntax/index.js';
import { FIXTURES } from './helpers.js';

// Every .nf and .config file under fixtures/dsl.
function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return fixtureFiles(path);
    return /\.(nf|config)$/.test(name) ? [path] : [];
  });
}

// A small seeded PRNG (mulberry32), so every run tries the same mutations.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '"',
  "'",
  '"""',
  '/',
  '$',
  '${',
  '\n',
  ';',
  ',',
  ':',
  '.',
  '->',
  '|',
  '?',
  'process',
  'workflow',
  'input:',
  'def',
  'if',
  'else',
  '=',
  '==',
  '-',
  '*',
  '\\',
  '/*',
  '//',
  '#',
  'from',
  'into',
  '@',
  'x',
];

// One random edit: delete, insert or swap characters or snippets.
function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const pick = <X>(items: readonly X[]): X => items[Math.floor(random() * items.length)] as X;
  switch (Math.floor(random() * 5)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 8));
    case 1:
      return text.slice(0, at) + pick(SNIPPETS) + text.slice(at);
    case 2: {
      const other = Math.floor(random() * text.length);
      const [i, j] = at < other ? [at, other] : [other, at];
      return text.slice(0, i) + text.slice(j, j + 1) + text.slice(i + 1, j) + text.slice(i, i + 1) + text.slice(j + 1);
    }
    case 3:
      return text.slice(0, at) + String.fromCharCode(32 + Math.floor(random() * 95)) + text.slice(at);
    default: {
      const words = text.split(/(\s+)/);
      const w = Math.floor(random() * words.length);
      words.splice(w, 1);
      return words.join('');
    }
  }
}

const ROUNDS = 4000;

describe('parser robustness', () => {
  it(`turns ${ROUNDS} random mutations of the fixtures into an AST or a located ParseError, never a crash`, () => {
    const files = fixtureFiles(FIXTURES).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    const random = prng(20240521);
    let failures = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const source = files[round % files.length] as { file: string; text: string };
      let text = source.text;
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) text = mutate(text, random);
      try {
        if (source.file.endsWith('.config')) parseConfig(text, source.file);
        else parseDsl(text, source.file);
      } catch (error) {
        if (!(error instanceof ParseError))
          throw new Error(`round ${round} of ${source.file} crashed: ${String(error)}\n---\n${text}`);
        expect(error.location?.file).toBe(source.file);
        expect(error.location?.line).toBeGreaterThanOrEqual(1);
        expect(error.location?.column).toBeGreaterThanOrEqual(1);
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(ROUNDS / 4);
  });
});
