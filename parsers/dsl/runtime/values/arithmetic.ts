// Groovy's binary and unary operators over runtime values.
import type { BinaryOperator, Position } from '../../syntax/ast-expressions.js';
import type { EvalContext } from '../eval/context.js';
import { hostMethod, isHostObject } from '../groovy/host-object.js';
import { compare, equals, GDecimal, isPath, numberOf, pathValue, show, truthy } from './values.js';
import { scriptError } from '../eval/script-error.js';
import { isQuantity, quantityOp } from './units.js';
import { GPattern } from './pattern.js';

// A number result: a decimal when either operand was one and the result is whole (so it prints as `2.0`).
function numeric(result: number, a: unknown, b: unknown): unknown {
  const decimal =
    a instanceof GDecimal ||
    b instanceof GDecimal ||
    (typeof a === 'number' && !Number.isInteger(a)) ||
    (typeof b === 'number' && !Number.isInteger(b));
  return decimal && Number.isInteger(result) ? new GDecimal(result) : result;
}

// `text =~ pattern`: Groovy's Matcher read as the list of its matches, in order: each the matched text, or the list
// [match, group 1, …] when the pattern has groups. So `m[0][1]`, `m.findAll()`, `m.size()` and `if (m)` read as in
// Groovy; a null text is matched as "null", as Groovy converts it.
function findMatches(left: unknown, right: unknown): unknown[] {
  const pattern = new RegExp(show(right), 'g');
  return [...show(left).matchAll(pattern)].map((m) => (m.length > 1 ? m.map((g) => g ?? null) : m[0]));
}

// Evaluates `left op right` for every operator but the short-circuit ones and the pipe.
export function binaryOp(ctx: EvalContext, op: BinaryOperator, left: unknown, right: unknown, pos: Position): unknown {
  if (isQuantity(left) || isQuantity(right)) {
    const result = quantityOp(op, numberOf(left) ?? left, numberOf(right) ?? right);
    if (result !== undefined) return result;
  }
  const a = numberOf(left);
  const b = numberOf(right);
  switch (op) {
    case '==':
      return equals(left, right);
    case '!=':
      return !equals(left, right);
    case '<':
      return compare(left, right) < 0;
    case '<=':
      return compare(left, right) <= 0;
    case '>':
      return compare(left, right) > 0;
    case '>=':
      return compare(left, right) >= 0;
    case '<=>':
      return Math.sign(compare(left, right));
    case 'in':
      if (Array.isArray(right)) return right.some((item) => equals(item, left));
      if (right instanceof Map) return right.has(left);
      if (typeof right === 'string') return right.includes(show(left));
      return false;
    case '=~':
      return findMatches(left, right);
    case '==~':
      return new RegExp(`^(?:${show(right)})$`).test(show(left));
    case '+':
      if (a !== undefined && b !== undefined) return numeric(a + b, left, right);
      if (Array.isArray(left)) return Array.isArray(right) ? [...left, ...right] : [...left, right];
      if (left instanceof Map && right instanceof Map) return new Map([...left, ...right]);
      if (typeof left === 'string' || isPath(left)) return show(left) + show(right);
      break;
    case '-':
      if (a !== undefined && b !== undefined) return numeric(a - b, left, right);
      if (Array.isArray(left)) {
        const drop = Array.isArray(right) ? right : [right];
        return left.filter((item) => !drop.some((d) => equals(d, item)));
      }
      if (typeof left === 'string') return left.replace(show(right), '');
      break;
    case '*':
      if (a !== undefined && b !== undefined) return numeric(a * b, left, right);
      if (typeof left === 'string' && b !== undefined) return left.repeat(b);
      break;
    case '/':
      if (a !== undefined && b !== undefined) {
        if (b === 0) throw scriptError(ctx, pos, 'division by zero');
        return numeric(a / b, left, right);
      }
      if (isPath(left)) return pathValue(`${left.path}/${show(right)}`);
      break;
    case '%':
      if (a !== undefined && b !== undefined) return numeric(a % b, left, right);
      break;
    case '**':
      if (a !== undefined && b !== undefined) return numeric(a ** b, left, right);
      break;
    case '<<':
      if (Array.isArray(left)) {
        left.push(right);
        return left;
      }
      if (left instanceof Map && right instanceof Map) {
        for (const [k, v] of right) left.set(k, v);
        return left;
      }
      if (isHostObject(left)) return hostMethod(ctx, left, 'leftShift', [right], pos);
      if (a !== undefined && b !== undefined) return a << b;
      break;
    case '>>':
      if (a !== undefined && b !== undefined) return a >> b;
      break;
    // on two booleans: Groovy's Boolean and/xor/or, both sides evaluated (`!a & !b`, `flag |= x`)
    case '&':
      if (typeof left === 'boolean' && typeof right === 'boolean') return left && right;
      if (a !== undefined && b !== undefined) return a & b;
      break;
    case '^':
      if (typeof left === 'boolean' && typeof right === 'boolean') return left !== right;
      if (a !== undefined && b !== undefined) return a ^ b;
      break;
    case '|':
      if (typeof left === 'boolean' && typeof right === 'boolean') return left || right;
      if (a !== undefined && b !== undefined) return a | b;
      break;
    case '&&':
      return truthy(left) && truthy(right);
    case '||':
      return truthy(left) || truthy(right);
  }
  throw scriptError(ctx, pos, `operator \`${op}\` does not apply to \`${show(left)}\` and \`${show(right)}\``);
}

// Evaluates a unary operator; `~` on a text compiles it to a pattern, as Groovy's bitwiseNegate does.
export function unaryOp(ctx: EvalContext, op: '!' | '-' | '+' | '~', value: unknown, pos: Position): unknown {
  if (op === '!') return !truthy(value);
  if (op === '~' && typeof value === 'string') return new GPattern(value);
  const n = numberOf(value);
  if (n === undefined) throw scriptError(ctx, pos, `operator \`${op}\` does not apply to \`${show(value)}\``);
  if (op === '-') return value instanceof GDecimal ? new GDecimal(-n) : -n;
  if (op === '~') return ~n;
  return value;
}
