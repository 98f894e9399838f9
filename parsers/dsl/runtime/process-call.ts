// A process as a callable: each call becomes a step whose blocking task source runs once per input set.
import type { ProcessDefinition } from '../syntax/ast-script.js';
import type { SourceLocation } from '../../../engine/errors.js';
import type { TaskSpec } from '../../../engine/task.js';
import { createChannel, type DslChannel } from './channel.js';
import type { DslCallable, DslModule, DslOutputs, EvalContext } from './context.js';
import { DslScriptError } from './errors.js';
import { toChannel } from './operator-support.js';
import type { Pipeline } from './pipeline.js';
import { directiveSources } from './process-settings.js';
import { emitName } from './process-outputs.js';
import { isExecCall, runExec } from './process-exec.js';
import { buildTask } from './process-task.js';
import { childScope } from './scope.js';

// One call of a process: what its tasks need to know.
export interface ProcessCall {
  readonly def: ProcessDefinition;
  readonly name: string;
  readonly stepId: string;
  readonly ctx: EvalContext;
  readonly pipeline: Pipeline;
  readonly outputs: DslOutputs;
  readonly sources: ReturnType<typeof directiveSources>;
  launched: number;
  settled: number;
  exhausted: boolean;
  readonly occurrences: Map<string, number>;
}

// Creates the callable for a process definition, named `name` (its include alias, if any).
export function createProcessCallable(
  def: ProcessDefinition,
  name: string,
  module: DslModule,
  pipeline: Pipeline,
): DslCallable {
  const callable: DslCallable = {
    kind: 'callable',
    type: 'process',
    name,
    out: undefined,
    invoke(args, at) {
      callable.out = invokeProcess(def, name, module, pipeline, args, at);
      return callable.out;
    },
  };
  return callable;
}

// Wires one call: input channels in, a step in the graph, output channels out.
function invokeProcess(
  def: ProcessDefinition,
  name: string,
  module: DslModule,
  pipeline: Pipeline,
  args: readonly unknown[],
  at: SourceLocation,
): DslOutputs {
  const ctx: EvalContext = { module, scope: childScope(undefined) };
  if (args.length !== def.inputs.length) {
    throw new DslScriptError(
      `process \`${name}\` declares ${def.inputs.length} input(s) but was called with ${args.length}`,
      { location: at },
    );
  }
  const inputs = args.map((arg) => toChannel(ctx, arg, { line: at.line ?? 0, column: at.column ?? 0, offset: 0 }));
  const count = (pipeline.stepCounts.get(name) ?? 0) + 1;
  pipeline.stepCounts.set(name, count);
  const stepId = count === 1 ? name : `${name}_${count}`;
  const eachIndices = def.inputs.flatMap((decl, i) => (decl.qualifier === 'each' ? [i] : []));
  const allValues = inputs.every((channel, i) => channel.isValue || eachIndices.includes(i));
  const channels = def.outputs.map(() => createChannel(allValues, [stepId]));
  const named = new Map<string, DslChannel>();
  def.outputs.forEach((decl, i) => {
    const emit = emitName(decl);
    if (emit !== undefined) named.set(emit, channels[i] as DslChannel);
  });
  const outputs: DslOutputs = { kind: 'outputs', channels, named };
  const call: ProcessCall = {
    def,
    name,
    stepId,
    ctx,
    pipeline,
    outputs,
    sources: directiveSources(def, name, pipeline.config, ctx),
    launched: 0,
    settled: 0,
    exhausted: false,
    occurrences: new Map(),
  };
  pipeline.graph.addNode(stepId, {
    id: stepId,
    name,
    location: at,
    resources: { cpus: 1 },
    keyParts: { identity: `dsl:${module.file}:${name}` },
    source: { blocking: true, tasks: (signal) => taskStream(call, inputs, eachIndices, signal) },
  });
  for (const channel of inputs) {
    for (const origin of channel.origins)
      if (origin !== stepId && !pipeline.graph.hasEdge(origin, stepId))
        pipeline.graph.addDirectedEdge(origin, stepId, { kind: 'stream' });
  }
  return outputs;
}

// Closes the outputs once no more tasks will come and every launched task has settled.
export function maybeClose(call: ProcessCall): void {
  if (call.exhausted && call.settled === call.launched) for (const channel of call.outputs.channels) channel.close();
}

// Reads input sets as they arrive (queue channels zipped, value channels repeated, `each` crossed) and yields tasks.
async function* taskStream(
  call: ProcessCall,
  inputs: readonly DslChannel[],
  eachIndices: readonly number[],
  signal: AbortSignal,
): AsyncGenerator<TaskSpec> {
  const queueIdx = inputs.flatMap((c, i) => (!c.isValue && !eachIndices.includes(i) ? [i] : []));
  const fixed = new Map<number, unknown>();
  for (const [i, channel] of inputs.entries()) {
    if (queueIdx.includes(i)) continue;
    const items: unknown[] = [];
    for await (const item of channel.read()) items.push(item);
    if (items.length === 0 && !eachIndices.includes(i)) return finish(call);
    fixed.set(i, eachIndices.includes(i) ? items.flatMap((item) => (Array.isArray(item) ? item : [item])) : items[0]);
  }
  const readers = queueIdx.map((i) => (inputs[i] as DslChannel).read()[Symbol.asyncIterator]());
  const exec = isExecCall(call);
  try {
    for (let round = 0; ; round++) {
      if (signal.aborted || call.pipeline.failure !== undefined) break;
      const values = new Map(fixed);
      if (readers.length > 0) {
        const next = await Promise.all(readers.map((r) => r.next()));
        if (next.some((n) => n.done === true)) break;
        next.forEach((n, k) => values.set(queueIdx[k] as number, n.value));
      } else if (round > 0) break;
      for (const set of crossEach(inputs.length, values, eachIndices)) {
        if (exec) {
          execOnce(call, set);
          continue;
        }
        const spec = buildTask(call, set, call.launched);
        if (spec === undefined) continue;
        call.launched++;
        yield spec;
      }
    }
  } finally {
    for (const reader of readers) void reader.return?.();
    finish(call);
  }
  if (call.pipeline.failure !== undefined) throw call.pipeline.failure;
}

// Runs an exec: process for one input set, counting it as launched and settled; a failure stops the run.
function execOnce(call: ProcessCall, set: readonly unknown[]): void {
  try {
    if (!runExec(call, set, call.launched)) return;
  } catch (error) {
    call.ctx.module.runtime.fail(error instanceof Error ? error : new Error(String(error)));
    return;
  }
  call.launched++;
  call.settled++;
}

// Marks a call's input as exhausted.
function finish(call: ProcessCall): void {
  call.exhausted = true;
  maybeClose(call);
}

// The input sets of one round: `each` inputs crossed with everything else.
function crossEach(n: number, values: Map<number, unknown>, eachIndices: readonly number[]): unknown[][] {
  let sets: unknown[][] = [Array.from({ length: n }, (_, i) => values.get(i))];
  for (const i of eachIndices) {
    const items = values.get(i) as unknown[];
    sets = sets.flatMap((set) => items.map((item) => set.map((v, j) => (j === i ? item : v))));
  }
  return sets;
}
