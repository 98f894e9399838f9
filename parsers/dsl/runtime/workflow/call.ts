// A named workflow as a callable: binds take: inputs, runs main:, and returns its emit: channels.
import type { OutputBlock, WorkflowDefinition } from '../../syntax/ast-script.js';
import { publishOutputs } from './workflow-outputs.js';
import { PipeError } from '../../../../engine/errors.js';
import type { DslChannel } from '../channels/channel.js';
import {
  locate,
  type DslCallable,
  type DslModule,
  type DslOutputs,
  type EvalContext,
  evaluate,
  runBody,
} from '../eval/context.js';
import { DslScriptError } from '../eval/errors.js';
import { toChannel } from '../operators/support.js';
import { childScope } from '../eval/scope.js';

// Creates the callable for a workflow definition, named `name`.
export function createWorkflowCallable(def: WorkflowDefinition, name: string, module: DslModule): DslCallable {
  const callable: DslCallable = {
    kind: 'callable',
    type: 'workflow',
    name,
    out: undefined,
    invoke(args, at) {
      if (args.length !== def.take.length) {
        throw new DslScriptError(
          `workflow \`${name}\` takes ${def.take.length} input(s) but was called with ${args.length}`,
          { location: at },
        );
      }
      const ctx: EvalContext = {
        module,
        scope: childScope(
          module.globals,
          def.take.map((t, i): [string, unknown] => [t.name, args[i]]),
        ),
      };
      const channels: DslChannel[] = [];
      const named = new Map<string, DslChannel>();
      module.runtime.callPath.push(name);
      try {
        runBody(ctx, def.main);
        for (const emit of def.emit) {
          const channel = toChannel(ctx, evaluate(ctx, emit.value), emit.pos);
          channels.push(channel);
          if (emit.name !== undefined) named.set(emit.name, channel);
        }
      } finally {
        module.runtime.callPath.pop();
      }
      const outputs: DslOutputs = { kind: 'outputs', channels, named };
      callable.out = outputs;
      return outputs;
    },
  };
  return callable;
}

// Runs the entry workflow's body.
export function runEntryWorkflow(
  def: WorkflowDefinition,
  module: DslModule,
  output?: { readonly block: OutputBlock | undefined; readonly dir: string },
): void {
  const ctx: EvalContext = { module, scope: childScope(module.globals) };
  try {
    runBody(ctx, def.main);
    if (def.publish !== undefined && output !== undefined)
      module.runtime.outputs = publishOutputs(ctx, def.publish, output.block, output.dir);
    for (const kind of ['onComplete', 'onError'] as const) {
      const statements = def[kind];
      if (statements !== undefined) module.runtime[kind].push(() => void runBody(ctx, statements));
    }
  } catch (error) {
    if (error instanceof Error && !(error instanceof PipeError)) {
      throw new DslScriptError(`the workflow failed while being built: ${error.message}`, {
        location: locate(module, def.pos),
        cause: error,
      });
    }
    throw error;
  }
}
