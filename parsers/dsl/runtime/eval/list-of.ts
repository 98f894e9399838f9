// The items of a list-like value, as spreads, loops and operators iterate them.
import type { Position } from '../../syntax/ast-expressions.js';
import type { EvalContext } from './context.js';
import { scriptError } from './script-error.js';
import { show } from '../values/values.js';

// The items of a list-like value (list, range, set), for spreads and iteration.
export function listOf(ctx: EvalContext, value: unknown, pos: Position): unknown[] {
  if (Array.isArray(value)) return value;
  if (value instanceof Map) return [...value].map(([k, v]) => [k, v]);
  if (value === null || value === undefined) return [];
  throw scriptError(ctx, pos, `expected a list, got \`${show(value)}\``);
}
