// A process as a callable: each call becomes a step whose blocking task source runs once per input set.
import type { ProcessDefinition } from '../../syntax/ast-script.js';
import type { SourceLocation } from '../../../../engine/errors.js';
import { createChannel, type DslChannel } from '../channels/channel.js';
import { type DslCallable, type DslModule, type DslOutputs, type EvalContext, evaluate } from '../eval/context.js';
import { show } from '../values/values.js';
import { DslScriptError } from '../eval/errors.js';
import { toChannel } from '../operators/support.js';
import type { Pipeline } from '../workflow/pipeline.js';
import { directiveSources } from './settings.js';
import { emitName, optionName } from './outputs.js';
import type { ProcessCall } from './state.js';
import { childScope } from '../eval/scope.js';
import { taskStream } from './task-stream.js';

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
  const ctx: EvalContext = { module, scope: childScope(module.globals) };
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
  // a process whose inputs are all values runs once and emits values; an `each` input makes it run once per item,
  // so it emits queue channels
  const singleton = allValues && eachIndices.length === 0;
  const emitters = def.outputs.map(() => createChannel(singleton, [stepId]));
  const named = new Map<string, DslChannel>();
  def.outputs.forEach((decl, i) => {
    const emit = emitName(decl);
    if (emit !== undefined) named.set(emit, emitters[i] as DslChannel);
    const topic = decl.topic === undefined ? optionName(decl, 'topic') : show(evaluate(ctx, decl.topic));
    if (topic !== undefined) module.runtime.topics.feed(topic, emitters[i] as DslChannel);
  });
  const channels = emitters.filter((_, i) => def.outputs[i]?.topic === undefined);
  const outputs: DslOutputs = { kind: 'outputs', channels, named };
  const qualifiedName = [...module.runtime.callPath, name].join(':');
  const nth = (pipeline.qualifiedCalls.get(qualifiedName) ?? 0) + 1;
  pipeline.qualifiedCalls.set(qualifiedName, nth);
  const call: ProcessCall = {
    def,
    name,
    qualifiedName,
    stepId,
    ctx,
    pipeline,
    outputs,
    emitters,
    sources: directiveSources(def, qualifiedName, pipeline.config, ctx),
    launched: 0,
    settled: 0,
    exhausted: false,
    occurrences: new Map(),
    taskIds: new Set(),
    singleton,
  };
  pipeline.graph.addNode(stepId, {
    id: stepId,
    name: qualifiedName,
    location: at,
    resources: { cpus: 1 },
    // a process called from two workflows (or twice in one) runs distinct tasks on the same inputs: its qualified
    // name, and which call of it this is, are hashed
    keyParts: { identity: `dsl:${module.file}:${qualifiedName}${nth === 1 ? '' : `#${nth}`}` },
    source: { blocking: true, tasks: (signal) => taskStream(call, inputs, eachIndices, signal) },
  });
  for (const channel of inputs) {
    for (const origin of channel.origins)
      if (origin !== stepId && !pipeline.graph.hasEdge(origin, stepId))
        pipeline.graph.addDirectedEdge(origin, stepId, { kind: 'stream' });
  }
  return outputs;
}
