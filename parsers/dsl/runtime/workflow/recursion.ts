// Process and workflow recursion (workflow.md, `nextflow.preview.recursion`): `proc.recurse(init).until { … }` or
// `.times(n)` calls the process once over input channels that start with the initial values and are fed each
// iteration's outputs back, until the condition holds for an output (which is still emitted) or n iterations ran.
import type { Position } from '../../syntax/ast-expressions.js';
import { createChannel, type DslChannel } from '../channels/channel.js';
import { locate, type DslCallable, type EvalContext } from '../eval/context.js';
import { scriptError } from '../eval/script-error.js';
import type { HostObject } from '../groovy/host-object.js';
import { operatorFailure } from '../operators/support.js';
import { isOutputs } from '../values/members.js';
import { isChannel, isClosure, numberOf, show, truthy } from '../values/values.js';

// When the feedback stops: after the first output meeting a condition, or after a number of iterations.
type Stop = { readonly until: (values: readonly unknown[]) => boolean } | { readonly times: number };

// `callable.recurse(args)`: an object whose `until(closure)` or `times(n)` runs the recursion.
export function recursion(
  ctx: EvalContext,
  callable: DslCallable,
  args: readonly unknown[],
  pos: Position,
): HostObject {
  return {
    kind: 'object',
    type: 'nextflow.script.IterableDef',
    methods: {
      until: ([condition]) => {
        if (!isClosure(condition))
          throw scriptError(ctx, pos, '`until` of a recursion expects a closure', 'as in `.until { v -> v == 0 }`');
        return recurse(ctx, callable, args, { until: (values) => truthy(condition.call([...values])) }, pos);
      },
      times: ([n]) => {
        const times = numberOf(n);
        if (times === undefined || times < 1)
          throw scriptError(ctx, pos, `\`times\` of a recursion expects a count of at least 1, got \`${show(n)}\``);
        return recurse(ctx, callable, args, { times }, pos);
      },
    },
    show: () => `${callable.name}.recurse(…)`,
  };
}

// The initial value of one input: a plain value, or the value of a value channel (a queue channel is refused).
async function initialValue(ctx: EvalContext, arg: unknown, index: number, pos: Position): Promise<unknown> {
  if (!isChannel(arg)) return arg;
  if (!arg.isValue)
    throw scriptError(ctx, pos, `recursion only allows value inputs: argument ${index + 1} is a queue channel`);
  for await (const value of arg.read()) return value;
  return null;
}

// Calls the process or workflow once over feedback inputs, and returns its outputs (every iteration's).
function recurse(
  ctx: EvalContext,
  callable: DslCallable,
  args: readonly unknown[],
  stop: Stop,
  pos: Position,
): unknown {
  const inputs: DslChannel[] = args.map(() => createChannel(false));
  const result = callable.invoke(inputs, locate(ctx, pos));
  const outputs = isOutputs(result) ? result.channels : isChannel(result) ? [result] : [];
  if (outputs.length !== inputs.length)
    throw scriptError(
      ctx,
      pos,
      `\`${callable.name}\` has ${inputs.length} inputs and ${outputs.length} outputs: recursion feeds each output back`,
      'a recursive process or workflow needs as many outputs as inputs, in the same order',
    );
  const closeInputs = (): void => {
    for (const input of inputs) input.close();
  };
  (async () => {
    const initial = await Promise.all(args.map((arg, i) => initialValue(ctx, arg, i, pos)));
    initial.forEach((value, i) => inputs[i]?.emit(value));
    const readers = outputs.map((channel) => channel.read()[Symbol.asyncIterator]());
    for (let iteration = 1; ; iteration++) {
      const next = await Promise.all(readers.map((reader) => reader.next()));
      if (next.some((n) => n.done === true)) break;
      const values = next.map((n) => n.value as unknown);
      if ('times' in stop ? iteration >= stop.times : stop.until(values)) break;
      values.forEach((value, i) => inputs[i]?.emit(value));
    }
    closeInputs();
    for (const reader of readers) void reader.return?.();
  })().catch((error: unknown) => {
    closeInputs();
    ctx.module.runtime.fail(operatorFailure(ctx, 'recurse', pos, error));
  });
  return result;
}
