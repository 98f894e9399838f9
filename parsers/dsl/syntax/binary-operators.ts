// Binary operators folded by Groovy's precedence into range, `as`, `instanceof`, negated and plain binary nodes.
import type { IToken } from 'chevrotain';
import type { BinaryOperator, Expression } from './ast-expressions.js';
import { errorAt } from './build-context.js';
import type { BuildContext } from './build-context.js';

// Binding strength of binary operators (higher binds tighter), as in Groovy.
const PRECEDENCE: Readonly<Record<string, number>> = {
  '||': 1,
  '&&': 2,
  '|': 3,
  '^': 4,
  '&': 5,
  '==': 6,
  '!=': 6,
  '<=>': 6,
  '=~': 6,
  '==~': 6,
  '<': 7,
  '<=': 7,
  '>': 7,
  '>=': 7,
  in: 7,
  '!in': 7,
  instanceof: 7,
  '!instanceof': 7,
  as: 7,
  '<<': 8,
  '>>': 8,
  '..': 9,
  '..<': 9,
  '+': 10,
  '-': 10,
  '*': 11,
  '/': 11,
  '%': 11,
  '**': 12,
};

// Operands and operators in source order, folded by precedence climbing.
export function binary(operands: readonly Expression[], operators: readonly IToken[], ctx: BuildContext): Expression {
  let index = 0;
  const climb = (minimum: number): Expression => {
    let left = operands[index] as Expression;
    while (index < operators.length) {
      const op = operators[index] as IToken;
      const strength = PRECEDENCE[op.image] ?? 0;
      if (strength < minimum) break;
      index++;
      const right = climb(op.image === '**' ? strength : strength + 1);
      left = combine(op, left, right, ctx);
    }
    return left;
  };
  return climb(0);
}

// One binary node from an operator token.
function combine(op: IToken, left: Expression, right: Expression, ctx: BuildContext): Expression {
  const pos = left.pos;
  if (op.image === '..' || op.image === '..<')
    return { kind: 'range', from: left, to: right, exclusive: op.image === '..<', pos };
  if (op.image === 'as' || op.image === 'instanceof')
    return { kind: op.image, value: left, type: typeName(right, op, ctx), pos };
  if (op.image === '!in' || op.image === '!instanceof') {
    const positive = { ...op, image: op.image.slice(1) };
    return { kind: 'unary', operator: '!', operand: combine(positive, left, right, ctx), pos };
  }
  return { kind: 'binary', operator: op.image as BinaryOperator, left, right, pos };
}

// The dotted name of a type after `as` / `instanceof`.
function typeName(expression: Expression, op: IToken, ctx: BuildContext): string {
  if (expression.kind === 'identifier') return expression.name;
  if (expression.kind === 'property' && expression.navigation === '.')
    return `${typeName(expression.object, op, ctx)}.${expression.name}`;
  throw errorAt(
    ctx,
    expression.pos,
    `expected a type name after \`${op.image}\``,
    `write a class name, e.g. \`x ${op.image} Integer\``,
  );
}
