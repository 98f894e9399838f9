// The shape of a built-in method, and helpers its implementations share.
import type { Position } from '../../syntax/ast-expressions.js';
import type { EvalContext } from '../eval/context.js';
import { isClosure, show, type DslClosure } from '../values/values.js';
import { scriptError } from '../eval/script-error.js';

export type MethodImpl<T> = (ctx: EvalContext, self: T, args: readonly unknown[], pos: Position) => unknown;
export type MethodTable<T> = Readonly<Record<string, MethodImpl<T>>>;

// The closure argument at `i`, or an error naming the method.
export function closureArg(
  ctx: EvalContext,
  args: readonly unknown[],
  i: number,
  method: string,
  pos: Position,
): DslClosure {
  const value = args[i];
  if (!isClosure(value)) throw scriptError(ctx, pos, `\`${method}\` expects a closure, got \`${show(value ?? null)}\``);
  return value;
}

// The optional closure argument at `i`.
export function optionalClosure(args: readonly unknown[], i: number): DslClosure | undefined {
  const value = args[i];
  return isClosure(value) ? value : undefined;
}
