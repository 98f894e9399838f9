// Writes what is generated from the DSL grammar: its CST types to parsers/dsl/syntax/cst.d.ts and its lookahead paths to
// parsers/dsl/syntax/lookahead-paths.ts (run: npx tsx scripts/generate-dsl-cst.ts).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cstDeclarations, lookaheadPathsSource } from '../parsers/dsl/syntax/parser-instance.js';

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', 'parsers', 'dsl', 'syntax');
for (const [name, text] of [
  ['cst.d.ts', cstDeclarations()],
  ['lookahead-paths.ts', lookaheadPathsSource()],
] as const) {
  writeFileSync(join(folder, name), text);
  console.log(`wrote ${join(folder, name)}`);
}
