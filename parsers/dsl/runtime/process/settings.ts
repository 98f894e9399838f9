// The directives of a process for one task: config defaults, then the process's own, then matching selectors.
import type { ProcessDefinition } from '../../syntax/ast-script.js';
import type { DslConfig } from '../config/config.js';
import { nameMatches, selectorMatches } from '../config/config.js';
import type { EvalContext } from '../eval/context.js';
import { evaluateDirective, publishDirs, REPEATABLE, type DirectiveSource, type DirectiveValue } from './directives.js';
import type { Scope } from '../eval/scope.js';
import { numberOf, show } from '../values/values.js';
import { Duration, MemoryUnit, parseDuration, parseMemory } from '../values/units.js';
import { DslScriptError } from '../eval/errors.js';

// Directive name → its sources in order of precedence (last wins; repeatable ones all count).
export function directiveSources(
  def: ProcessDefinition,
  name: string,
  config: DslConfig,
  ctx: EvalContext,
): Map<string, DirectiveSource[]> {
  const out = new Map<string, DirectiveSource[]>();
  const put = (key: string, source: DirectiveSource, fromProcess: boolean): void => {
    const list = REPEATABLE.has(key) && fromProcess ? (out.get(key) ?? []) : [];
    list.push(source);
    out.set(key, list);
  };
  for (const [key, source] of config.processDefaults) put(key, source, false);
  for (const directive of def.directives) put(directive.name, { ctx, directive }, true);
  const labels = def.directives
    .filter((d) => d.name === 'label')
    .flatMap((d) => d.args.map((a) => (a.kind === 'string' ? a.value : '')));
  const apply = (kind: 'withLabel' | 'withName', hit: (pattern: string) => boolean): void => {
    for (const selector of config.selectors)
      if (selector.kind === kind && hit(selector.pattern))
        for (const [key, source] of selector.settings) put(key, source, false);
  };
  apply('withLabel', (pattern) => labelsMatch(pattern, labels));
  // withName selectors as Nextflow applies them, lowest priority first: those matching the process's own name, then
  // its alias, then its fully qualified name (`'.*:PREPARE_GENOME:INDEX'` wins over `'INDEX'`)
  const alias = name.split(':').pop() ?? name;
  const names = [...new Set([def.name, alias, name])];
  for (const each of names) apply('withName', (pattern) => nameMatches(pattern, each));
  return out;
}

// Whether a withLabel pattern selects a process with these labels, as Nextflow matches them: an unlabelled process
// has the one label '' (so `/.*/` and `!small` select it); `!pattern` selects when no label matches `pattern`.
export function labelsMatch(pattern: string, labels: readonly string[]): boolean {
  const candidates = labels.length === 0 ? [''] : labels;
  if (pattern.startsWith('!')) return !candidates.some((label) => selectorMatches(pattern.slice(1), label));
  return candidates.some((label) => selectorMatches(pattern, label));
}

// Evaluates every directive for one task.
export function evaluateDirectives(
  sources: Map<string, DirectiveSource[]>,
  scope: Scope,
): Map<string, DirectiveValue[]> {
  const out = new Map<string, DirectiveValue[]>();
  for (const [key, list] of sources)
    out.set(
      key,
      list.flatMap((source) => {
        const value = evaluateDirective(source, scope);
        return key === 'publishDir' ? publishDirs(value) : [value];
      }),
    );
  return out;
}

// The first argument of the last occurrence of a directive.
export function directiveValue(values: Map<string, DirectiveValue[]>, key: string): unknown {
  const list = values.get(key);
  return list?.[list.length - 1]?.positional[0];
}

// The memory a directive asks for (`2.GB`, `'2 GB'`, `2.GB * task.attempt`), or undefined.
export function memoryOf(value: unknown): MemoryUnit | undefined {
  if (value instanceof MemoryUnit) return value;
  if (value === null || value === undefined) return undefined;
  // a plain number is bytes, as Nextflow's MemoryUnit(long) (`task.previousTrace.memory * 2`)
  if (typeof value === 'number' || /^\s*\d+\s*$/.test(show(value)))
    return new MemoryUnit(Math.round(Number(show(value))));
  return parseMemory(show(value));
}

// The time a directive asks for (`1.h`, `'1h 30m'`, `2.h * task.attempt`), or undefined.
export function durationOf(value: unknown): Duration | undefined {
  if (value instanceof Duration) return value;
  if (value === null || value === undefined) return undefined;
  // a plain number is milliseconds, as Nextflow's Duration(long)
  if (typeof value === 'number' || /^\s*\d+\s*$/.test(show(value)))
    return new Duration(Math.round(Number(show(value))));
  return parseDuration(show(value));
}

// Bytes of a memory directive such as `2 GB` or `512.MB`.
export function memoryBytes(value: unknown): number | undefined {
  return memoryOf(value)?.amount;
}

// Milliseconds of a time directive such as `1h`, `30.m` or `1d 2h`.
export function timeMs(value: unknown): number | undefined {
  return durationOf(value)?.amount;
}

// A whole number of cpus of at least 1, given as a number or as digits.
export function cpusOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : numberOf(value);
  return n !== undefined && Number.isInteger(n) && n >= 1 ? n : undefined;
}

// How each resource directive is read, what it accepts and an example, for errors.
const RESOURCE_DIRECTIVES: readonly (readonly [string, (value: unknown) => number | undefined, string, string])[] = [
  ['cpus', cpusOf, 'a whole number of at least 1', '`cpus 4`'],
  [
    'memory',
    (value) => memoryOf(value)?.amount,
    'a size with a unit (B, KB, MB, GB, TB, PB, EB, ZB)',
    "`memory '4 GB'` or `memory 4.GB`",
  ],
  [
    'time',
    (value) => durationOf(value)?.amount,
    'a duration with units (ms, s, m, h, d)',
    "`time '2h'` or `time '1d 6h'`",
  ],
];

// Throws a located error for a cpus, memory or time directive (of the process or the config) pipe cannot read:
// such a value is never dropped in silence.
export function checkResourceDirectives(values: Map<string, DirectiveValue[]>): void {
  for (const [key, read, accepted, example] of RESOURCE_DIRECTIVES) {
    const list = values.get(key);
    const last = list?.[list.length - 1];
    const value = last?.positional[0];
    if (value === null || value === undefined || read(value) !== undefined) continue;
    throw new DslScriptError(`\`${key}\` is ${JSON.stringify(show(value))}, which is not ${accepted}`, {
      location: last?.where,
      hint: `write ${key} as ${accepted}, e.g. ${example}`,
    });
  }
}

// The GPUs `accelerator N` (or `accelerator request: N, limit: M`) asks for; undefined without the directive or
// for 0. https://www.nextflow.io/docs/latest/reference/process.html#accelerator
export function acceleratorCount(values: Map<string, DirectiveValue[]>): number | undefined {
  const list = values.get('accelerator');
  const last = list?.[list.length - 1];
  if (last === undefined) return undefined;
  const n = Number(last.positional[0] ?? last.named.get('request') ?? last.named.get('limit'));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
