// Channel operators by name, `set { name }`, and applying an operator to a channel or a call's outputs.
import type { MethodCall, Position } from '../syntax/ast-expressions.js';
import type { CallArgs } from './arguments.js';
import type { DslChannel } from './channel.js';
import type { DslOutputs, EvalContext } from './context.js';
import { scriptError } from './evaluator.js';
import { isOutputs } from './members.js';
import { toChannel } from './operator-support.js';
import { collectFileOperators } from './operators-collect-file.js';
import { gatherOperators } from './operators-gather.js';
import { splitOperators } from './operators-split.js';
import { transformOperators } from './operators-transform.js';
import { assignVar } from './scope.js';

export type OperatorImpl = (ctx: EvalContext, source: DslChannel, args: CallArgs, pos: Position) => DslChannel;

export const OPERATORS: Readonly<Record<string, OperatorImpl>> = {
  ...transformOperators,
  ...gatherOperators,
  ...splitOperators,
  ...collectFileOperators,
};

// Whether `name` is a channel operator.
export function isOperator(name: string): boolean {
  return Object.hasOwn(OPERATORS, name);
}

// Applies operator `name` to a channel (or to a single-output call's channel).
export function applyOperator(
  ctx: EvalContext,
  source: DslChannel | DslOutputs,
  name: string,
  args: CallArgs,
  pos: Position,
): DslChannel {
  const impl = Object.hasOwn(OPERATORS, name) ? OPERATORS[name] : undefined;
  if (impl === undefined) {
    throw scriptError(
      ctx,
      pos,
      `the channel operator \`${name}\` is not supported`,
      `supported operators: ${[...Object.keys(OPERATORS), 'branch', 'multiMap', 'set'].sort().join(', ')}`,
    );
  }
  return impl(ctx, toChannel(ctx, source, pos), args, pos);
}

// `ch.set { name }`: binds the channel (or the named channels of `branch`/`multiMap`) to a variable.
export function setTarget(ctx: EvalContext, source: DslChannel | DslOutputs, expr: MethodCall): null {
  const closure = expr.args[0];
  const body = closure?.kind === 'closure' ? closure.body : undefined;
  const only = body?.length === 1 ? body[0] : undefined;
  if (only?.kind !== 'expressionStatement' || only.expression.kind !== 'identifier') {
    throw scriptError(ctx, expr.pos, '`set` expects a closure naming one variable, as in `set { reads_ch }`');
  }
  assignVar(
    ctx.scope,
    only.expression.name,
    isOutputs(source) && source.channels.length === 1 ? toChannel(ctx, source, expr.pos) : source,
  );
  return null;
}
