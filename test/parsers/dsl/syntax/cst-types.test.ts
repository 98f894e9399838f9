import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cstDeclarations } from '../../../../parsers/dsl/syntax/parser-instance.js';

describe('the generated CST types', () => {
  it('match the grammar (regenerate with `npx tsx scripts/generate-dsl-cst.ts`)', () => {
    expect(readFileSync(resolve('parsers/dsl/syntax/cst.d.ts'), 'utf8')).toBe(cstDeclarations());
  });
});
