// Helpers for the DSL syntax tests: ASTs without positions, and the parsed value of one expression.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDsl } from '../../../../parsers/dsl/syntax/index.js';
import type { DslScript, Expression, Statement } from '../../../../parsers/dsl/syntax/index.js';

export const FIXTURES = resolve('fixtures/dsl');

// A copy of an AST with every `pos` removed, to compare shapes.
export function strip(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'pos' ? undefined : v)));
}

// Parses a fixture file under fixtures/dsl.
export function parseFixture(path: string): DslScript {
  const file = resolve(FIXTURES, path);
  return parseDsl(readFileSync(file, 'utf8'), file);
}

// The expression assigned in `x = SOURCE`, without positions.
export function expr(source: string): unknown {
  const statement = parseDsl(`x = ${source}\n`, 'expr.nf').body[0] as Statement;
  if (statement.kind !== 'assignment') throw new Error(`not an assignment: ${statement.kind}`);
  return strip(statement.value);
}

// Shorthands for expected ASTs.
export const id = (name: string): Expression => ({ kind: 'identifier', name }) as Expression;
export const num = (value: number): unknown => ({
  kind: 'number',
  value,
  raw: String(value),
  integer: Number.isInteger(value),
});
export const str = (value: string, quote = "'"): unknown => ({ kind: 'string', value, quote });
export const prop = (object: unknown, name: string, navigation = '.'): unknown => ({
  kind: 'property',
  object,
  name,
  navigation,
});
export const bin = (operator: string, left: unknown, right: unknown): unknown => ({
  kind: 'binary',
  operator,
  left,
  right,
});
