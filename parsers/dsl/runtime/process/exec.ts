// `exec:` processes: their code runs inside pipe for each input set, in a work dir of its own, and their outputs are
// values, kept there for -resume.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IoDeclaration } from '../../syntax/ast-script.js';
import { sha256 } from '../../../../engine/cache-key.js';
import { decodeValues, encodeValues } from '../values/persist.js';
import { PipeError } from '../../../../engine/errors.js';
import { locate, type EvalContext, evaluate, runBody } from '../eval/context.js';
import { DslRuntimeError } from '../eval/errors.js';
import type { ProcessCall } from './state.js';
import { taskScope, whenHolds } from './task.js';
import { chosenSection } from './task-script.js';
import { lateDirective, taskDirectives } from './task-values.js';
import { isPath, pathValue, show, valueKey } from '../values/values.js';
import { scriptError } from '../eval/script-error.js';

// The file in an exec: task's work dir that keeps its outputs.
const OUTPUTS_FILE = '.command.outputs.json';

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

// An input's part of the key: its value, and for a file its size and modification time as well (Nextflow's standard
// cache mode), so a file changed in place runs the code again.
function inputKey(value: unknown): string {
  if (isPath(value)) {
    const stat = statSync(value.path, { throwIfNoEntry: false });
    return `p${value.path}:${stat?.size ?? '-'}:${stat?.mtimeMs ?? '-'}`;
  }
  if (Array.isArray(value)) return `[${value.map(inputKey).join(',')}]`;
  if (value instanceof Map) return `{${[...value].map(([k, v]) => `${valueKey(k)}:${inputKey(v)}`).join(',')}}`;
  return valueKey(value);
}

// The work dir of an exec: task: named by the hash of its process, its code and its inputs, as a script task's, so a
// -resume finds it again; and the short form of that hash the log shows (`[ab/cdef12]`).
function execWorkDir(call: ProcessCall, set: readonly unknown[], code: string): { dir: string; short: string } {
  const runtime = call.ctx.module.runtime;
  const inputs = set.map((value) => inputKey(value)).join('\n');
  const hash = sha256(`${call.ctx.module.file}\n${call.qualifiedName}\n${code}\n${inputs}`);
  const root = runtime.workflowMeta.get('workDir');
  const base = isPath(root) ? root.path : join(runtime.launchDir, 'work');
  return { dir: join(base, hash.slice(0, 2), hash.slice(2, 32)), short: `${hash.slice(0, 2)}/${hash.slice(2, 8)}` };
}

// The outputs an earlier run of the task kept in its work dir, when this run resumes and they are all there.
function keptOutputs(call: ProcessCall, dir: string): unknown[] | undefined {
  const file = join(dir, OUTPUTS_FILE);
  if (call.ctx.module.runtime.workflowMeta.get('resume') !== true || !existsSync(file)) return undefined;
  const values = decodeValues(readFileSync(file, 'utf8'));
  return values?.length === call.def.outputs.length ? values : undefined;
}

// Keeps an exec: task's outputs in its work dir, or none when one of them has no stored form (a resume runs it again).
function keepOutputs(dir: string, values: readonly unknown[]): void {
  const text = encodeValues(values);
  if (text === undefined) rmSync(join(dir, OUTPUTS_FILE), { force: true });
  else writeFileSync(join(dir, OUTPUTS_FILE), text);
}

// Runs an exec: process for one input set and emits its outputs; false when `when:` ruled the set out. Its code
// runs inside pipe, in a work dir of its own (`task.workDir`); its outputs are kept there, so a -resume emits them
// again without running the code, as Nextflow caches a native task (outputs with no stored form run it again).
export function runExec(call: ProcessCall, set: readonly unknown[], index: number): boolean {
  const { ctx, task } = taskScope(call, set, index, false);
  const section = chosenSection(call.def, call.pipeline.stubRun);
  const runtime = call.ctx.module.runtime;
  try {
    taskDirectives(call, ctx.scope, task);
    if (!whenHolds(call, ctx)) return false;
    const tagValue = lateDirective(call, ctx.scope, 'tag');
    if (!(tagValue === undefined || tagValue === null)) task.set('name', `${call.qualifiedName} (${show(tagValue)})`);
    const work = execWorkDir(call, set, JSON.stringify(section?.statements ?? []));
    const untagged = tagValue === undefined || tagValue === null;
    const name = call.singleton && untagged ? call.qualifiedName : show(task.get('name'));
    const kept = keptOutputs(call, work.dir);
    if (kept !== undefined) {
      const line = `[${work.short}] Cached process > ${name}`;
      runtime.console.record?.('INFO', 'Actor Thread 1', 'nextflow.processor.TaskProcessor', line);
      runtime.stats.cached++;
      kept.forEach((value, i) => call.emitters[i]?.emit(value));
      return true;
    }
    mkdirSync(work.dir, { recursive: true });
    task.set('workDir', pathValue(work.dir));
    const line = `[${work.short}] Submitted process > ${name}`;
    runtime.console.record?.('INFO', 'Task submitter', 'nextflow.Session', line);
    if (section !== undefined) runBody(ctx, section.statements);
    const values = call.def.outputs.map((decl) => execOutput(ctx, decl));
    keepOutputs(work.dir, values);
    runtime.stats.succeeded++;
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
