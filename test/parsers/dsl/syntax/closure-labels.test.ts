import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../../engine/errors.js';
import { parseDsl } from '../../../../parsers/dsl/syntax/index.js';
import type { ClosureExpression, Expression, Statement } from '../../../../parsers/dsl/syntax/index.js';
import { id, num, strip } from './helpers.js';

// The closure passed to the method call of the script's one statement.
function closureOf(source: string): ClosureExpression {
  const statement = parseDsl(source, 'labels.nf').body[0] as Statement;
  if (statement.kind !== 'expressionStatement' || statement.expression.kind !== 'methodCall')
    throw new Error('not a method call');
  return statement.expression.args.find((a): a is ClosureExpression => a.kind === 'closure') as ClosureExpression;
}

// The ParseError a script raises.
function errorOf(source: string): ParseError {
  try {
    parseDsl(source, 'labels.nf');
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error('parsed without error');
}

const label = (name: string): unknown => ({ kind: 'label', name });
const statement = (expression: unknown): unknown => ({ kind: 'expressionStatement', expression });
const binary = (operator: string, left: unknown, right: unknown): Expression =>
  ({ kind: 'binary', operator, left, right }) as Expression;

describe('labels in the closure of branch and multiMap', () => {
  it('are kept between the statements of a one-line branch', () => {
    expect(strip(closureOf('ch.branch { small: it < 5; large: it >= 5 }\n').body)).toEqual([
      label('small'),
      statement(binary('<', id('it'), num(5))),
      label('large'),
      statement(binary('>=', id('it'), num(5))),
    ]);
  });

  it('are read one per line, with the statements after each label up to the next', () => {
    const closure = closureOf('ch.branch { v ->\n  def n = v * 2\n  small: n < 5\n    return n\n  large: true\n}\n');
    expect(closure.params.map((p) => p.name)).toEqual(['v']);
    expect(closure.body.map((item) => item.kind)).toEqual([
      'variableDeclaration',
      'label',
      'expressionStatement',
      'return',
      'label',
      'expressionStatement',
    ]);
  });

  it('keep the position of each label', () => {
    const items = closureOf('ch.multiMap { it ->\n  foo: it * 2\n  bar: it\n}\n').body as readonly {
      kind: string;
      pos: unknown;
    }[];
    expect(items.filter((item) => item.kind === 'label').map((item) => item.pos)).toEqual([
      { line: 2, column: 3, offset: 22 },
      { line: 3, column: 3, offset: 36 },
    ]);
  });

  it('are accepted when the closure is passed in parentheses', () => {
    expect(strip(closureOf('ch.multiMap({ foo: it * 2 })\n').body)).toEqual([
      label('foo'),
      statement(binary('*', id('it'), num(2))),
    ]);
  });

  it('are rejected in the closure of any other call, with the label and its position', () => {
    expect(errorOf('ch.map { small: it }\n').message).toBe('unexpected label `small:` at 1:10');
    expect(errorOf('c = {\n  small: it\n}\n').message).toBe('unexpected label `small:` at 2:3');
    expect(errorOf('ch.map { small: it }\n').hint).toContain('ch.branch');
  });

  it('are rejected in a closure nested inside a branch case', () => {
    expect(errorOf('ch.branch { small: it.every { a: it } }\n').message).toBe('unexpected label `a:` at 1:31');
  });
});
