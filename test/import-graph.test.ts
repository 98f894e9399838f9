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

// The relative modules a source text loads at run time: imports and re-exports that are not `type`-only.
const VALUE_IMPORT = /^\s*(?:import|export)\s+(?!type\b)([^'";]*?)\s*from\s*(['"])(\.{1,2}\/[^'"]+)\2/gms;
function valueSpecifiers(text: string): string[] {
  return [...text.matchAll(VALUE_IMPORT)]
    .filter((match) => {
      const names = /^\{([^}]*)\}$/s.exec((match[1] ?? '').trim());
      if (names === null) return true;
      const items = (names[1] ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
      return !items.every((name) => name.startsWith('type '));
    })
    .map((match) => match[3] as string);
}

// The cycles of value imports among the files of a folder: each a list of files that load one another.
function importCycles(files: readonly string[], read: (file: string) => string): string[][] {
  const known = new Set(files);
  const edges = new Map(
    files.map((file) => [
      file,
      valueSpecifiers(read(file))
        .map((spec) => relative(ROOT, resolve(ROOT, dirname(file), spec)).replace(/\.js$/, '.ts'))
        .filter((target) => known.has(target)),
    ]),
  );
  // Tarjan's strongly connected components; a component of more than one file is a cycle.
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    order.set(file, order.size);
    low.set(file, order.get(file) ?? 0);
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (!order.has(next)) visit(next);
      if (stack.includes(next)) low.set(file, Math.min(low.get(file) ?? 0, low.get(next) ?? 0));
    }
    if (low.get(file) !== order.get(file)) return;
    const component = stack.splice(stack.indexOf(file));
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const file of files) if (!order.has(file)) visit(file);
  return cycles;
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

  it('has no cycle of value imports in the DSL parser and runtime', () => {
    const files = sourceFiles('parsers/dsl').filter((file) => !file.endsWith('.d.ts'));
    expect(importCycles(files, (file) => readFileSync(join(ROOT, file), 'utf8'))).toEqual([]);
  });

  it('finds a cycle of value imports and ignores one made of type imports', () => {
    const texts: Record<string, string> = {
      'p/a.ts': "import { b } from './b.js';",
      'p/b.ts': "import {\n  c,\n} from './c.js';",
      'p/c.ts': "export { a } from './a.js';\nimport type { D } from './d.js';",
      'p/d.ts': "import { type C } from './c.js';",
    };
    expect(importCycles(Object.keys(texts), (file) => texts[file] ?? '')).toEqual([['p/a.ts', 'p/b.ts', 'p/c.ts']]);
  });
});
