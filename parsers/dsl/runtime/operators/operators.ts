// Channel operators by name, `set { name }`, and applying an operator to a channel or a call's outputs.
import type { Arguments, Position } from '../../syntax/ast-expressions.js';
import type { CallArgs } from '../eval/arguments.js';
import type { DslChannel } from '../channels/channel.js';
import type { DslOutputs, EvalContext } from '../eval/context.js';
import { isOutputs } from '../values/members.js';
import { toChannel } from './support.js';
import { bufferOperators } from './buffer.js';
import { collectFileOperators } from './collect-file.js';
import { gatherOperators } from './gather.js';
import { splitOperators } from './split.js';
import { splitRecordOperators } from './split-records.js';
import { selectOperators } from './select.js';
import { transformOperators } from './transform.js';
import { transposeOperators } from './transpose.js';
import { assignVar } from '../eval/scope.js';
import { scriptError } from '../eval/script-error.js';

export type OperatorImpl = (ctx: EvalContext, source: DslChannel, args: CallArgs, pos: Position) => DslChannel;

export const OPERATORS: Readonly<Record<string, OperatorImpl>> = {
  ...transformOperators,
  ...gatherOperators,
  ...bufferOperators,
  ...splitOperators,
  ...splitRecordOperators,
  ...selectOperators,
  ...collectFileOperators,
  ...transposeOperators,
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
      `supported operators: ${[...Object.keys(OPERATORS), 'branch', 'multiMap', 'set', 'tap'].sort().join(', ')}`,
    );
  }
  return impl(ctx, toChannel(ctx, source, pos), args, pos);
}

// `ch.set { name }`: binds the channel (or the named channels of `branch`/`multiMap`) to a variable.
export function setTarget(
  ctx: EvalContext,
  source: DslChannel | DslOutputs,
  expr: Arguments & { pos: Position },
): null {
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

// `ch.tap { name }`: binds the channel to a variable, as `set` does, and gives the channel on to the next operator.
export function tapTarget(
  ctx: EvalContext,
  source: DslChannel | DslOutputs,
  expr: Arguments & { pos: Position },
): DslChannel | DslOutputs {
  setTarget(ctx, source, expr);
  return isOutputs(source) && source.channels.length === 1 ? toChannel(ctx, source, expr.pos) : source;
}
