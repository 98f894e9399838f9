// Writes the CST types of the DSL grammar to parsers/dsl/syntax/cst.d.ts (run: npx tsx scripts/generate-dsl-cst.ts).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cstDeclarations } from '../parsers/dsl/syntax/parser-instance.js';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'parsers', 'dsl', 'syntax', 'cst.d.ts');
writeFileSync(target, cstDeclarations());
console.log(`wrote ${target}`);
