// nf-schema's paramsSummaryMap and paramsSummaryLog: the parameters that differ from the schema's defaults, by group,
// and the core Nextflow options of the run.
import { isPath, show } from '../values/values.js';
import { paramsByGroup, type ParamSchema, type ValidationConfig } from './schema-params.js';

// Group → parameter → value, for parameters set to something other than their default; then 'Core Nextflow options'.
export function paramsSummaryMap(
  schemaFile: string,
  params: ReadonlyMap<unknown, unknown>,
  workflow: ReadonlyMap<unknown, unknown>,
  config: ValidationConfig,
): Map<unknown, unknown> {
  const summary = new Map<unknown, unknown>();
  for (const [group, schemas] of paramsByGroup(schemaFile)) {
    const entries = groupSummary(params, schemas);
    for (const hidden of config.summary.hideParams) entries.delete(hidden);
    summary.set(group, entries);
  }
  const core = new Map<unknown, unknown>();
  if (workflow.get('revision')) core.set('revision', workflow.get('revision'));
  core.set('runName', workflow.get('runName'));
  if (workflow.get('containerEngine')) core.set('containerEngine', workflow.get('containerEngine'));
  for (const key of ['launchDir', 'workDir', 'projectDir']) core.set(key, show(workflow.get(key) ?? ''));
  core.set('userName', workflow.get('userName'));
  core.set('profile', workflow.get('profile'));
  const configFiles = workflow.get('configFiles');
  core.set('configFiles', Array.isArray(configFiles) ? configFiles.map(show).join(', ') : '');
  summary.set('Core Nextflow options', core);
  return summary;
}

// The parameters of one group whose value differs from the schema's default (or is set, when there is none).
function groupSummary(
  params: ReadonlyMap<unknown, unknown>,
  schemas: ReadonlyMap<string, ParamSchema>,
): Map<unknown, unknown> {
  const out = new Map<unknown, unknown>();
  for (const [name, schema] of schemas) {
    if (!params.has(name)) continue;
    const raw = params.get(name);
    const value = raw === null || raw === undefined ? null : isPath(raw) ? raw.path : show(raw);
    let fallback = schema.default === undefined || schema.default === null ? null : show(schema.default);
    if (fallback !== null && schema.type === 'string' && value !== null) {
      const rest = fallback.replace('${projectDir}', '').replace('$projectDir', '');
      if (rest !== fallback && value.includes(rest)) fallback = value;
      const outdirRest = fallback.replace('${params.outdir}', '').replace('$params.outdir', '');
      if (outdirRest !== fallback && `${show(params.get('outdir'))}${outdirRest}` === value) fallback = value;
    }
    if (fallback !== null && value !== null && value !== fallback) out.set(name, value);
    else if (fallback === null && value !== null && value !== '' && value !== 'false') out.set(name, value);
  }
  return out;
}

// The summary as nf-schema logs it: before text, each group's parameters aligned, the note, after text.
export function paramsSummaryLog(summary: ReadonlyMap<unknown, unknown>, config: ValidationConfig): string {
  const groups = [...summary].filter(([, v]) => v instanceof Map && v.size > 0) as [unknown, Map<unknown, unknown>][];
  const width = Math.max(0, ...groups.flatMap(([, params]) => [...params.keys()].map((k) => show(k).length)));
  let out = config.summary.beforeText;
  for (const [group, params] of groups) {
    out += `${show(group)}\n`;
    for (const [name, value] of params) out += `  ${show(name).padEnd(width)}: ${show(value)}\n`;
    out += '\n';
  }
  out += '!! Only displaying parameters that differ from the pipeline defaults !!\n';
  out += '------------------------------------------------------';
  return out + config.summary.afterText;
}
