// Evaluates expressions of the Groovy subset Nextflow scripts use, and stores values into the targets they name.
import type { Expression, Position } from '../../syntax/ast-expressions.js';
import { binaryOp, unaryOp } from '../values/arithmetic.js';
import { getIndex, getProperty, isOutputs, setIndex, setProperty } from '../values/members.js';
import { instanceOf, newInstance } from '../groovy/classes.js';
import { GDecimal, isChannel, show, truthy } from '../values/values.js';
import { evaluateArgs, groovyArgs } from './arguments.js';
import { callFunction, callMethod } from './calls.js';
import { makeClosure } from './closures.js';
import type { EvalContext } from './context.js';
import { castTo, rangeOf } from './conversions.js';
import { listOf } from './list-of.js';
import { lookup } from './names.js';
import { pipeHead, pipeInto } from './pipe-operator.js';
import { assignVar, findScope } from './scope.js';
import { scriptError } from './script-error.js';

// Evaluates one expression.
export function evaluate(ctx: EvalContext, expr: Expression): unknown {
  switch (expr.kind) {
    case 'number':
      return expr.integer || !Number.isInteger(expr.value) ? expr.value : new GDecimal(expr.value);
    case 'string':
      return expr.value;
    case 'gstring':
      return expr.parts
        .map((part) => (part.kind === 'text' ? part.value : show(evaluate(ctx, part.expression))))
        .join('');
    case 'boolean':
      return expr.value;
    case 'null':
      return null;
    case 'this':
      return findScope(ctx.scope, 'this')?.vars.get('this') ?? null; // a class's instance in its methods
    case 'identifier':
      return lookup(ctx, expr.name, expr.pos);
    case 'property': {
      const object = evaluate(ctx, expr.object);
      if (expr.navigation === '?.' && (object === null || object === undefined)) return null;
      if (expr.navigation === '*.')
        return spread(ctx, object, expr.pos, (item) => getProperty(ctx, item, expr.name, expr.pos));
      return getProperty(ctx, object, expr.name, expr.pos);
    }
    case 'index': {
      const object = evaluate(ctx, expr.object);
      const indices = expr.indices.map((index) =>
        index.kind === 'range' ? sliceIndices(ctx, object, index) : evaluate(ctx, index),
      );
      return getIndex(ctx, object, indices, expr.pos);
    }
    case 'call':
      return callFunction(ctx, expr);
    case 'methodCall':
      return callMethod(ctx, expr);
    case 'list':
      return expr.elements.flatMap((element) =>
        element.kind === 'spread' ? listOf(ctx, evaluate(ctx, element.value), element.pos) : [evaluate(ctx, element)],
      );
    case 'map': {
      const map = new Map<unknown, unknown>();
      for (const entry of expr.entries) map.set(evaluate(ctx, entry.key), evaluate(ctx, entry.value));
      return map;
    }
    case 'range':
      return rangeOf(ctx, evaluate(ctx, expr.from), evaluate(ctx, expr.to), expr.exclusive, expr.pos);
    case 'closure':
      return makeClosure(ctx, expr);
    case 'binary':
      if (expr.operator === '&&') return truthy(evaluate(ctx, expr.left)) && truthy(evaluate(ctx, expr.right));
      if (expr.operator === '||') return truthy(evaluate(ctx, expr.left)) || truthy(evaluate(ctx, expr.right));
      if (expr.operator === '|') {
        const left = pipeHead(ctx, expr.left);
        if (isChannel(left) || isOutputs(left)) return pipeInto(ctx, left, expr.right);
        return binaryOp(ctx, '|', left, evaluate(ctx, expr.right), expr.pos);
      }
      return binaryOp(ctx, expr.operator, evaluate(ctx, expr.left), evaluate(ctx, expr.right), expr.pos);
    case 'unary':
      return unaryOp(ctx, expr.operator, evaluate(ctx, expr.operand), expr.pos);
    case 'postfix': {
      const before = evaluate(ctx, expr.operand);
      assignTo(ctx, expr.operand, binaryOp(ctx, expr.operator === '++' ? '+' : '-', before, 1, expr.pos));
      return before;
    }
    case 'ternary':
      return truthy(evaluate(ctx, expr.condition)) ? evaluate(ctx, expr.whenTrue) : evaluate(ctx, expr.whenFalse);
    case 'elvis': {
      const value = evaluate(ctx, expr.value);
      return truthy(value) ? value : evaluate(ctx, expr.fallback);
    }
    case 'as':
      return castTo(ctx, evaluate(ctx, expr.value), expr.type, expr.pos);
    case 'instanceof':
      return instanceOf(evaluate(ctx, expr.value), expr.type);
    case 'new':
      return newInstance(ctx, expr.type, groovyArgs(evaluateArgs(ctx, expr)), expr.pos);
    case 'spread':
      throw scriptError(ctx, expr.pos, 'a spread `*value` is only allowed in a list or an argument list');
    default: {
      const never: never = expr;
      throw new Error(`unknown expression ${JSON.stringify(never)}`);
    }
  }
}

// Applies `fn` to each item of a collection (`list*.name`).
function spread(ctx: EvalContext, object: unknown, pos: Position, fn: (item: unknown) => unknown): unknown {
  if (object === null || object === undefined) return null;
  return listOf(ctx, object, pos).map(fn);
}

// Stores a value into a name, property or index target.
export function assignTo(ctx: EvalContext, target: Expression, value: unknown): void {
  if (target.kind === 'identifier') assignVar(ctx.scope, target.name, value);
  else if (target.kind === 'property') setProperty(ctx, evaluate(ctx, target.object), target.name, value, target.pos);
  else if (target.kind === 'index')
    setIndex(
      ctx,
      evaluate(ctx, target.object),
      target.indices.map((i) => evaluate(ctx, i)),
      value,
      target.pos,
    );
  else throw scriptError(ctx, target.pos, `cannot assign to a ${target.kind} expression`);
}

// The indices `object[from..to]` reads, as Groovy slices a string or list: negative ends count from the end before
// the direction is known (`s[i+1..-1]` is the rest of `s`, `s[-1..0]` the reverse); an empty object slices to empty.
function sliceIndices(ctx: EvalContext, object: unknown, range: Extract<Expression, { kind: 'range' }>): unknown {
  const from = evaluate(ctx, range.from);
  const to = evaluate(ctx, range.to);
  const length = typeof object === 'string' || Array.isArray(object) ? object.length : undefined;
  if (length === undefined || !Number.isInteger(from) || !Number.isInteger(to))
    return rangeOf(ctx, from, to, range.exclusive, range.pos);
  if (length === 0) return [];
  const start = (from as number) < 0 ? length + (from as number) : (from as number);
  let end = (to as number) < 0 ? length + (to as number) : (to as number);
  if (range.exclusive) {
    if (end === start) return [];
    end += end > start ? -1 : 1;
  }
  if (start === length && end === length - 1) return []; // `s[s.size()..-1]`: nothing after the end
  const step = end >= start ? 1 : -1;
  return Array.from({ length: Math.abs(end - start) + 1 }, (_, i) => start + i * step);
}
