// What every channel operator shares: turning process outputs into a channel, and running a pump that feeds a result.
import type { Position } from '../../syntax/ast-expressions.js';
import { createChannel, valueChannel, type DslChannel } from '../channels/channel.js';
import { locate, type DslOutputs, type EvalContext } from '../eval/context.js';
import { PipeError } from '../../../../engine/errors.js';
import { DslAbort, DslRuntimeError, DslScriptError } from '../eval/errors.js';
import { isOutputs } from '../values/members.js';
import { isChannel, show } from '../values/values.js';
import { scriptError } from '../eval/script-error.js';

// The one channel a value stands for: a channel, single-output call results, or a plain value as a value channel.
export function toChannel(ctx: EvalContext, value: unknown, pos: Position): DslChannel {
  if (isChannel(value)) return value;
  if (isOutputs(value)) return singleOutput(ctx, value, pos);
  return valueChannel(value);
}

// The single channel of a call's outputs, or an error when there are several.
export function singleOutput(ctx: EvalContext, outputs: DslOutputs, pos: Position): DslChannel {
  const only = outputs.channels[0];
  if (outputs.channels.length !== 1 || only === undefined) {
    throw scriptError(
      ctx,
      pos,
      `this call has ${outputs.channels.length} outputs where one channel is expected`,
      'pick one with `.out.name` or `.out[0]`',
    );
  }
  return only;
}

// Creates the result channel of an operator and runs `body` to fill it; the channel closes when the body ends, and
// a failure in the body stops the run with an error naming the operator's source location.
export function pump(
  ctx: EvalContext,
  isValue: boolean,
  origins: readonly DslChannel[],
  name: string,
  pos: Position,
  body: (out: DslChannel) => Promise<void>,
): DslChannel {
  const out = createChannel(
    isValue,
    origins.flatMap((c) => [...c.origins]),
  );
  body(out).then(
    () => out.close(),
    (error: unknown) => {
      out.close();
      ctx.module.runtime.fail(operatorFailure(ctx, name, pos, error));
    },
  );
  return out;
}

// The error for an operator whose body failed, located where it failed (inside its closure, when it was there): a
// script mistake (an unknown name or method) stays a script error, anything else is a runtime failure.
export function operatorFailure(ctx: EvalContext, name: string, pos: Position, error: unknown): Error {
  if (error instanceof DslAbort) return error;
  const message = `operator \`${name}\` failed: ${error instanceof Error ? error.message : show(error)}`;
  const location = error instanceof PipeError && error.location !== undefined ? error.location : locate(ctx, pos);
  const hint = error instanceof PipeError ? error.hint : undefined;
  const options = { location, cause: error, ...(hint === undefined ? {} : { hint }) };
  return error instanceof DslScriptError ? new DslScriptError(message, options) : new DslRuntimeError(message, options);
}

// All values of a channel, once it has closed.
export async function drain(channel: DslChannel): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of channel.read()) items.push(item);
  return items;
}
