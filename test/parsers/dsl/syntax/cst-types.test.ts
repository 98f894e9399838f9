import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cstDeclarations, getParser, getVisitor } from '../../../../parsers/dsl/syntax/parser-instance.js';

describe('the generated CST types', () => {
  it('match the grammar (regenerate with `npx tsx scripts/generate-dsl-cst.ts`)', () => {
    expect(readFileSync(resolve('parsers/dsl/syntax/cst.d.ts'), 'utf8')).toBe(cstDeclarations());
  });
});

describe('the CST visitor', () => {
  it('has a method for every grammar rule (Chevrotain validateVisitor passes)', () => {
    const rules = getParser().getGAstProductions();
    const visitor = getVisitor() as unknown as Record<string, unknown>;
    expect(Object.keys(rules).filter((rule) => typeof visitor[rule] !== 'function')).toEqual([]);
  });
});
