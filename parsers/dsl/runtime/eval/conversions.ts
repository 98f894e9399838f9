// Conversions of values: `value as Type`, and the lists ranges make (`1..5`, `'a'..'e'`).
import type { Position } from '../../syntax/ast-expressions.js';
import { asPath } from '../groovy/classes.js';
import { rangeList, show, truthy, valueKey } from '../values/values.js';
import type { EvalContext } from './context.js';
import { listOf } from './list-of.js';
import { scriptError } from './script-error.js';

const MAX_RANGE = 10_000_000;

// `from..to` (`from..<to` when exclusive): the integers or characters from one bound to the other.
export function rangeOf(ctx: EvalContext, from: unknown, to: unknown, exclusive: boolean, pos: Position): unknown[] {
  if (typeof from === 'string' && typeof to === 'string' && from.length === 1 && to.length === 1)
    return charRange(from, to, exclusive);
  if (typeof from !== 'number' || typeof to !== 'number')
    throw scriptError(ctx, pos, `a range needs integer bounds, got \`${show(from)}..${show(to)}\``);
  if (!(Math.abs(to - from) < MAX_RANGE))
    throw scriptError(
      ctx,
      pos,
      `the range \`${show(from)}..${show(to)}\` is too long`,
      `pipe makes ranges of at most ${MAX_RANGE.toLocaleString('en-US')} values`,
    );
  const items: number[] = [];
  const step = from <= to ? 1 : -1;
  const end = exclusive ? to - step : to;
  for (let i = from; step > 0 ? i <= end : i >= end; i += step) items.push(i);
  return rangeList(items);
}

// `'a'..'e'`: the characters from one to the other, as Groovy's character ranges.
function charRange(from: string, to: string, exclusive: boolean): unknown[] {
  const a = from.charCodeAt(0);
  const b = to.charCodeAt(0);
  const step = a <= b ? 1 : -1;
  const end = exclusive ? b - step : b;
  const items: string[] = [];
  for (let c = a; step > 0 ? c <= end : c >= end; c += step) items.push(String.fromCharCode(c));
  return rangeList(items);
}

// `value as Type` for the types scripts convert to.
export function castTo(ctx: EvalContext, value: unknown, type: string, pos: Position): unknown {
  switch (type) {
    case 'Integer':
    case 'int':
    case 'Long':
    case 'long':
      return Math.trunc(Number(show(value)));
    case 'String':
      return show(value);
    case 'List':
      return listOf(ctx, value, pos);
    case 'Set':
      return uniqueList(listOf(ctx, value, pos));
    case 'Double':
    case 'Float':
    case 'BigDecimal':
      return Number(show(value));
    case 'boolean':
    case 'Boolean':
      return truthy(value);
    case 'Map':
      if (value instanceof Map) return value;
      return new Map(
        listOf(ctx, value, pos).map((entry) => (Array.isArray(entry) ? [entry[0], entry[1]] : [entry, null])),
      );
    case 'Path':
    case 'File':
      return asPath(value);
    case 'MemoryUnit':
    case 'Duration':
      return value;
    default:
      throw scriptError(ctx, pos, `\`as ${type}\` is not supported`);
  }
}

// The distinct items of a list, first occurrence kept (`as Set`).
function uniqueList(items: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = valueKey(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
