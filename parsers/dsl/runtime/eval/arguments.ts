// Evaluated call arguments: Groovy gathers named arguments into one map, positional ones keep their order.
import type { Arguments } from '../../syntax/ast-expressions.js';
import { type EvalContext, evaluate } from './context.js';
import { listOf } from './list-of.js';

export interface CallArgs {
  readonly positional: unknown[];
  readonly named: Map<string, unknown>;
}

// Evaluates the arguments of a call, expanding `*spread` arguments.
export function evaluateArgs(ctx: EvalContext, call: Arguments): CallArgs {
  const positional: unknown[] = [];
  for (const arg of call.args) {
    if (arg.kind === 'spread') positional.push(...listOf(ctx, evaluate(ctx, arg.value), arg.pos));
    else positional.push(evaluate(ctx, arg));
  }
  const named = new Map<string, unknown>();
  for (const arg of call.namedArgs) named.set(arg.name, evaluate(ctx, arg.value));
  return { positional, named };
}

// The arguments as Groovy passes them to a method: the named-argument map first, when there is one.
export function groovyArgs(args: CallArgs): unknown[] {
  return args.named.size === 0 ? args.positional : [new Map<unknown, unknown>(args.named), ...args.positional];
}
