// One call of a process as its tasks see it: what they need to know, and counts that say when its outputs close.
import type { ProcessDefinition } from '../../syntax/ast-script.js';
import type { DslOutputs, EvalContext } from '../eval/context.js';
import type { DslChannel } from '../channels/channel.js';
import type { Pipeline } from '../workflow/pipeline.js';
import type { directiveSources } from './settings.js';

// One call of a process: what its tasks need to know.
export interface ProcessCall {
  readonly def: ProcessDefinition;
  readonly name: string;
  readonly qualifiedName: string; // with the workflows that called it: `NFCORE_DEMO:DEMO:FASTQC`
  readonly stepId: string;
  readonly ctx: EvalContext;
  readonly pipeline: Pipeline;
  readonly outputs: DslOutputs;
  // The channel of each output declaration, in order (`outputs` leaves out those of the `topic:` section).
  readonly emitters: readonly DslChannel[];
  readonly sources: ReturnType<typeof directiveSources>;
  launched: number;
  settled: number;
  exhausted: boolean;
  readonly occurrences: Map<string, number>;
  readonly taskIds: Set<string>; // ids given so far, so two tasks with one tag still differ
  // Every input is a value channel: the call runs one task, named after the process alone (else `NAME (index)`).
  readonly singleton: boolean;
  // `fair true`: the outputs of task n wait for those of the tasks before it (`next`), held in `pending`
  order?: { next: number; readonly pending: Map<number, readonly unknown[] | undefined> };
}

// Closes the outputs once no more tasks will come and every launched task has settled.
export function maybeClose(call: ProcessCall): void {
  if (call.exhausted && call.settled === call.launched) for (const channel of call.emitters) channel.close();
}

// Emits the outputs of task `index` (undefined values: it ended without outputs): at once, or under `fair true`
// once every task before it has emitted or ended, so that outputs leave in the order of their inputs.
export function emitTaskOutputs(call: ProcessCall, index: number, values: readonly unknown[] | undefined): void {
  const order = call.order;
  if (order === undefined) {
    if (values !== undefined) emitOutputs(call, values);
    return;
  }
  order.pending.set(index, values);
  while (order.pending.has(order.next)) {
    const ready = order.pending.get(order.next);
    order.pending.delete(order.next);
    order.next++;
    if (ready !== undefined) emitOutputs(call, ready);
  }
}

// Emits a task's output values on the call's output channels (a missing optional file emits nothing).
export function emitOutputs(call: ProcessCall, values: readonly unknown[]): void {
  values.forEach((value, i) => {
    if (value !== null || call.def.typed === true || call.def.outputs[i]?.qualifier === 'val')
      call.emitters[i]?.emit(value);
  });
}
