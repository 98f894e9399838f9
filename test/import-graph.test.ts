// The import graph runs one way: ui → engine ← parsers, backends. The engine owns the contracts it consumes (the
// Backend, the store, the workflow graph); parsers and backends know the engine and not each other; only ui/ wires
// them together. Every relative import, re-export and dynamic import() under a folder is checked.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

// Top-level folders a folder must not import from.
const FORBIDDEN: Readonly<Record<string, readonly string[]>> = {
  engine: ['backends', 'parsers', 'ui'],
  parsers: ['backends', 'ui'],
  backends: ['parsers', 'ui'],
};

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]+)\1/gm;

// The relative module specifiers of a source text: static imports, re-exports and dynamic imports.
function relativeSpecifiers(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((match) => match[2] as string);
}

// The imports of `file` (relative to ROOT) that land in one of the folders it must not import from.
function violations(file: string, text: string, forbidden: readonly string[]): string[] {
  return relativeSpecifiers(text)
    .filter((spec) => {
      const top = relative(ROOT, resolve(ROOT, dirname(file), spec)).split('/')[0];
      return top !== undefined && forbidden.includes(top);
    })
    .map((spec) => `${file} imports ${spec}`);
}

// Every .ts/.tsx file under a folder, relative to ROOT.
function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => join(dir, name));
}

describe('the import graph', () => {
  it.each(Object.entries(FORBIDDEN))('has no import from %s/ into a folder it must not know', (folder, forbidden) => {
    const files = sourceFiles(folder);
    expect(files.length).toBeGreaterThan(0);
    const found = files.flatMap((file) => violations(file, readFileSync(join(ROOT, file), 'utf8'), forbidden));
    expect(found).toEqual([]);
  });

  it('finds static imports, type imports, re-exports and dynamic imports that cross a forbidden edge', () => {
    const text = [
      "import type { Backend } from '../backends/backend.js';",
      "import { x } from './local.js';",
      "export { y } from '../ui/format.js';",
      "const m = await import('../parsers/parse.js');",
      "import '../ui/side-effect.js';",
    ].join('\n');
    expect(violations('engine/run.ts', text, FORBIDDEN.engine ?? [])).toEqual([
      'engine/run.ts imports ../backends/backend.js',
      'engine/run.ts imports ../ui/format.js',
      'engine/run.ts imports ../parsers/parse.js',
      'engine/run.ts imports ../ui/side-effect.js',
    ]);
  });
});
