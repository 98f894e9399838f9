// `exec:` processes: their code runs inside pipe for each input set, with no task, and their outputs are values.
import type { IoDeclaration } from '../../syntax/ast-script.js';
import { PipeError } from '../../../../engine/errors.js';
import { locate, type EvalContext, evaluate, runBody } from '../eval/context.js';
import { DslRuntimeError } from '../eval/errors.js';
import type { ProcessCall } from './state.js';
import { taskScope, whenHolds } from './task.js';
import { chosenSection } from './task-script.js';
import { taskDirectives } from './task-values.js';
import { show } from '../values/values.js';
import { scriptError } from '../eval/script-error.js';

// Whether a call's tasks are exec: code (a stub under -stub-run runs as a task instead).
export function isExecCall(call: ProcessCall): boolean {
  return chosenSection(call.def, call.pipeline.stubRun)?.section === 'exec';
}

// The value of one output declaration of an exec: process, read from the variables its code set.
function execOutput(ctx: EvalContext, decl: IoDeclaration): unknown {
  switch (decl.qualifier) {
    case 'val':
    case 'path':
    case 'file':
      return decl.target === undefined ? null : evaluate(ctx, decl.target);
    case 'expression':
      return decl.target === undefined ? null : evaluate(ctx, decl.target);
    case 'tuple':
      return decl.components.map((component) => execOutput(ctx, component));
    default:
      throw scriptError(
        ctx,
        decl.pos,
        `an \`exec:\` process cannot have a \`${decl.qualifier}\` output`,
        'declare `val` outputs that name variables the code sets',
      );
  }
}

// Runs an exec: process for one input set and emits its outputs; false when `when:` ruled the set out.
export function runExec(call: ProcessCall, set: readonly unknown[], index: number): boolean {
  const { ctx, task } = taskScope(call, set, index, false);
  const section = chosenSection(call.def, call.pipeline.stubRun);
  try {
    taskDirectives(call, ctx.scope, task);
    if (!whenHolds(call, ctx)) return false;
    if (section !== undefined) runBody(ctx, section.statements);
    const values = call.def.outputs.map((decl) => execOutput(ctx, decl));
    values.forEach((value, i) => call.emitters[i]?.emit(value));
    return true;
  } catch (error) {
    if (error instanceof PipeError && error.location !== undefined) throw error;
    const message = error instanceof Error ? error.message : show(error);
    throw new DslRuntimeError(`the exec: code of process \`${call.name}\` failed: ${message}`, {
      location: locate(ctx, section?.pos ?? call.def.pos),
      cause: error,
    });
  }
}
