// Process directives for one task: the process's own, under config defaults and withLabel/withName selectors.
import type { Expression, Position } from '../../syntax/ast-expressions.js';
import type { Directive } from '../../syntax/ast-script.js';
import { evaluateArgs } from '../eval/arguments.js';
import { type EvalContext, evaluate, locate } from '../eval/context.js';
import type { SourceLocation } from '../../../../engine/errors.js';
import { isClosure, show } from '../values/values.js';

// A directive as configured: its arguments, to be evaluated in a task's scope.
export interface DirectiveSource {
  readonly ctx: EvalContext; // where its expressions were written
  readonly directive?: Directive | undefined; // from the process definition
  readonly value?: Expression | undefined; // from a config assignment (`cpus = 4`)
}

// Evaluated directive arguments.
export interface DirectiveValue {
  readonly positional: readonly unknown[];
  readonly named: ReadonlyMap<string, unknown>;
  readonly pos?: Position | undefined;
  readonly where?: SourceLocation | undefined; // where it was written: the process or the config file
}

// Evaluates a directive in a task scope (closures such as `memory { 2.GB * task.attempt }` are called).
export function evaluateDirective(source: DirectiveSource, scope: EvalContext['scope']): DirectiveValue {
  const ctx: EvalContext = { module: source.ctx.module, scope };
  if (source.directive !== undefined) {
    const args = evaluateArgs(ctx, source.directive);
    const positional = args.positional.map((value, i) =>
      isClosure(value) && !(source.directive?.name === 'publishDir' && i > 0) ? value.call([]) : value,
    );
    return {
      positional,
      named: args.named,
      pos: source.directive.pos,
      where: locate(source.ctx, source.directive.pos),
    };
  }
  const where = source.value === undefined ? undefined : locate(source.ctx, source.value.pos);
  const raw = source.value === undefined ? null : evaluate(ctx, source.value);
  const value = isClosure(raw) ? raw.call([]) : raw;
  if (value instanceof Map) return { ...mapDirective(value), where };
  const positional = Array.isArray(value) && source.value?.kind === 'list' ? value : [value];
  return { positional, named: new Map(), where };
}

// `publishDir = [path: { "…/${meta.id}" }, saveAs: { … }]`: closures other than saveAs are evaluated per task.
function mapDirective(value: ReadonlyMap<unknown, unknown>): DirectiveValue {
  const named = new Map<string, unknown>(
    [...value].map(([k, v]) => [show(k), isClosure(v) && show(k) !== 'saveAs' ? v.call([]) : v]),
  );
  return { positional: named.has('path') ? [named.get('path')] : [], named };
}

// `publishDir = [[path: …, pattern: '*.html'], [path: …, pattern: '*.txt']]`: one publishDir per map, as Nextflow
// reads a list of them; any other value is one publishDir.
export function publishDirs(value: DirectiveValue): DirectiveValue[] {
  const maps = value.positional;
  if (maps.length === 0 || !maps.every((m) => m instanceof Map)) return [value];
  return maps.map((m) => ({ ...mapDirective(m as Map<unknown, unknown>), where: value.where }));
}

// Directives that can repeat (each occurrence counts) rather than override.
export const REPEATABLE: ReadonlySet<string> = new Set(['publishDir', 'label', 'module', 'pod', 'secret']);

// Directives pipe evaluates; others are accepted and recorded only.
export const KNOWN_DIRECTIVES: ReadonlySet<string> = new Set([
  'tag',
  'label',
  'cpus',
  'memory',
  'time',
  'disk',
  'publishDir',
  'errorStrategy',
  'maxRetries',
  'maxErrors',
  'container',
  'containerOptions',
  'conda',
  'spack',
  'module',
  'queue',
  'clusterOptions',
  'cache',
  'debug',
  'echo',
  'executor',
  'ext',
  'accelerator',
  'beforeScript',
  'afterScript',
  'shell',
  'stageInMode',
  'stageOutMode',
  'scratch',
  'storeDir',
  'maxForks',
  'penv',
  'pod',
  'machineType',
  'array',
  'fair',
  'arch',
  'resourceLabels',
  'secret',
  'maxSubmitAwait',
]);
