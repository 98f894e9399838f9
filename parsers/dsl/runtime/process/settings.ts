// The directives of a process for one task: config defaults, then the process's own, then matching selectors.
import type { ProcessDefinition } from '../../syntax/ast-script.js';
import type { DslConfig } from '../config/config.js';
import { selectorMatches } from '../config/config.js';
import type { EvalContext } from '../eval/context.js';
import { evaluateDirective, REPEATABLE, type DirectiveSource, type DirectiveValue } from './directives.js';
import type { Scope } from '../eval/scope.js';
import { show } from '../values/values.js';

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
  for (const kind of ['withLabel', 'withName'] as const) {
    for (const selector of config.selectors) {
      if (selector.kind !== kind) continue;
      const hit =
        kind === 'withName'
          ? selectorMatches(selector.pattern, name)
          : labels.some((label) => selectorMatches(selector.pattern, label));
      if (hit) for (const [key, source] of selector.settings) put(key, source, false);
    }
  }
  return out;
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
      list.map((source) => evaluateDirective(source, scope)),
    );
  return out;
}

// The first argument of the last occurrence of a directive.
export function directiveValue(values: Map<string, DirectiveValue[]>, key: string): unknown {
  const list = values.get(key);
  return list?.[list.length - 1]?.positional[0];
}

const MEMORY_FACTORS: Readonly<Record<string, number>> = {
  B: 1,
  KB: 1024,
  MB: 1024 ** 2,
  GB: 1024 ** 3,
  TB: 1024 ** 4,
};
const TIME_FACTORS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

// Bytes of a memory directive such as `2 GB` or `512.MB`.
export function memoryBytes(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  const match = /^\s*([\d.]+)\s*\.?\s*([KMGT]?B)\s*$/i.exec(show(value));
  if (match === null) return undefined;
  return Math.round(Number(match[1]) * (MEMORY_FACTORS[(match[2] as string).toUpperCase()] ?? 1));
}

// Milliseconds of a time directive such as `1h`, `30.m` or `1d 2h`.
export function timeMs(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  let total = 0;
  let any = false;
  for (const match of show(value).matchAll(/([\d.]+)\s*\.?\s*(ms|sec|min|hours?|days?|s|m|h|d)\b/g)) {
    total += Number(match[1]) * (TIME_FACTORS[match[2] as string] ?? 0);
    any = true;
  }
  return any ? total : undefined;
}
