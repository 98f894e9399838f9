// What a task sees of its directives: every directive as `task.<name>` (task.memory a MemoryUnit, task.time a
// Duration, task.ext a map from the `ext` directive and `ext.*` settings), the errorStrategy of a failed attempt and
// what its retry sees of it.
import type { Scope } from '../eval/scope.js';
import { evaluateDirective, type DirectiveValue } from './directives.js';
import {
  checkResourceDirectives,
  cpusOf,
  directiveValue,
  durationOf,
  evaluateDirectives,
  memoryOf,
} from './settings.js';
import type { ProcessCall } from './state.js';
import { numberOf, show, type DslMap } from '../values/values.js';

// Directive values a task has when the process does not set them.
const DEFAULTS: readonly [string, unknown][] = [
  ['executor', 'local'],
  ['errorStrategy', 'terminate'],
  ['maxRetries', 1],
  ['maxErrors', -1],
];

// Evaluates the directives of a task in its scope (task.attempt as it stands) and exposes them on `task`.
// In three rounds, as Nextflow resolves them lazily: the resource and other directives, then `ext` (whose closures may
// read task.cpus), then publishDir (whose path closures may read task.ext: `"${task.ext.publish_prefix}fastqc"`).
export function taskDirectives(call: ProcessCall, scope: Scope, task: DslMap): Map<string, DirectiveValue[]> {
  const round = (pick: (key: string) => boolean): Map<string, DirectiveValue[]> =>
    evaluateDirectives(new Map([...call.sources].filter(([key]) => pick(key))), scope);
  const isExt = (key: string): boolean => key === 'ext' || key.startsWith('ext.');
  const directives = round((key) => !isExt(key) && key !== 'publishDir');
  checkResourceDirectives(directives);
  for (const [key, value] of DEFAULTS) if (!task.has(key)) task.set(key, value);
  for (const [key, values] of directives) {
    const last = values[values.length - 1];
    if (last !== undefined && key !== 'tag')
      task.set(key, last.positional.length === 0 ? new Map(last.named) : last.positional[0]);
  }
  task.set('cpus', cpusOf(directiveValue(directives, 'cpus')) ?? 1);
  const memory = memoryOf(directiveValue(directives, 'memory'));
  const time = durationOf(directiveValue(directives, 'time'));
  if (memory === undefined) task.delete('memory');
  else task.set('memory', memory);
  if (time === undefined) task.delete('time');
  else task.set('time', time);
  const ext = new Map<unknown, unknown>();
  task.set('ext', ext);
  for (const [key, values] of round(isExt)) {
    directives.set(key, values);
    const last = values[values.length - 1];
    if (last === undefined) continue;
    if (key === 'ext') for (const [k, v] of last.named) ext.set(k, v);
    else ext.set(key.slice(4), last.positional[0] ?? null);
  }
  for (const [key, values] of round((key) => key === 'publishDir')) directives.set(key, values);
  return directives;
}

// The errorStrategy for a failed attempt, evaluated after the failure: a closure sees task.exitStatus and
// task.attempt (`{ task.exitStatus in [137, 140] ? 'retry' : 'terminate' }`).
export function strategyAfterFailure(
  call: ProcessCall,
  scope: Scope,
  task: DslMap,
  exitCode: number | null,
  attempt: number,
): string {
  task.set('exitStatus', exitCode);
  task.set('attempt', attempt);
  return show(lateDirective(call, scope, 'errorStrategy') ?? 'terminate');
}

// A directive evaluated once the task's other values are set (`tag { task.tool }` reads a config setting).
export function lateDirective(call: ProcessCall, scope: Scope, name: string): unknown {
  const sources = call.sources.get(name) ?? [];
  const last = sources[sources.length - 1];
  return last === undefined ? undefined : evaluateDirective(last, scope).positional[0];
}

// What a retry sees of the attempt before it (reference/process.md: `task.previousTrace`, `task.previousException`):
// its trace record (requested cpus, memory in bytes, time in ms, exit status) and its error as Nextflow names it.
export function rememberFailure(
  task: Map<unknown, unknown>,
  reason: string,
  exitCode: number | null,
  attempt: number,
): void {
  const trace = new Map<unknown, unknown>([
    ['name', task.get('name')],
    ['attempt', attempt],
    ['status', 'FAILED'],
    ['exit', exitCode],
    ['cpus', numberOf(task.get('cpus')) ?? 1],
    ['memory', memoryOf(task.get('memory'))?.amount ?? null],
    ['time', durationOf(task.get('time'))?.amount ?? null],
  ]);
  task.set('previousTrace', trace);
  const failure =
    exitCode !== null && exitCode !== 0
      ? `nextflow.exception.ProcessFailedException: Process \`${show(task.get('name'))}\` terminated with an error exit status (${exitCode})`
      : `nextflow.exception.ProcessFailedException: ${reason}`;
  task.set('previousException', failure);
}
