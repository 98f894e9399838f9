// The `trace`, `report`, `timeline` and `dag` config scopes: which files a run writes (nf-core's pipeline_info/).
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { WorkflowReports } from '../../../../engine/graph.js';
import { ConfigError } from '../../../../engine/errors.js';
import { formatDate } from '../groovy/date.js';
import { show, truthy } from '../values/values.js';

const KINDS = ['trace', 'report', 'timeline', 'dag'] as const;
const DEFAULT_NAMES: Readonly<Record<(typeof KINDS)[number], string>> = {
  trace: 'trace-%s.txt',
  report: 'report-%s.html',
  timeline: 'timeline-%s.html',
  dag: 'dag-%s.html',
};

// The enabled report files, resolved from the launch directory; an existing file without `overwrite` is an error.
export function reportFiles(settings: ReadonlyMap<string, unknown>, launchDir: string): WorkflowReports {
  const stamp = formatDate(new Date(), 'yyyyMMdd-HHmmss');
  const out: Record<string, string> = {};
  for (const kind of KINDS) {
    if (!truthy(settings.get(`${kind}.enabled`))) continue;
    const named = settings.get(`${kind}.file`);
    const text = named === undefined || named === null ? DEFAULT_NAMES[kind].replace('%s', stamp) : show(named);
    const file = isAbsolute(text) ? text : resolve(launchDir, text);
    if (existsSync(file) && !truthy(settings.get(`${kind}.overwrite`)))
      throw new ConfigError(`the ${kind} file \`${file}\` already exists`, {
        hint: `set \`${kind}.overwrite = true\` in the config, or name another file with \`${kind}.file\``,
      });
    out[kind] = file;
  }
  return out;
}
