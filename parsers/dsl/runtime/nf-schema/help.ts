// nf-schema's help message (`--help`, paramsHelp): the typical command, then each group's parameters with their type,
// description and default; hidden ones only with the show-hidden parameter.
import { show } from '../values/values.js';
import { paramsByGroup, type ParamSchema, type ValidationConfig } from './schema-params.js';

// The help text for every parameter, or the details of one (`--help input`).
export function helpMessage(schemaFile: string, config: ValidationConfig, showHidden: boolean, param?: string): string {
  const groups = paramsByGroup(schemaFile);
  if (param !== undefined) return detail(groups, param);
  let hidden = 0;
  const visible = new Map<string, Map<string, ParamSchema>>();
  for (const [group, params] of groups) {
    const kept = new Map([...params].filter(([, s]) => showHidden || s.hidden !== true));
    hidden += params.size - kept.size;
    visible.set(group, kept);
  }
  const width = Math.max(0, ...[...visible.values()].flatMap((p) => [...p.keys()].map((k) => k.length))) + 1;
  let out = `${config.help.beforeText}\n`;
  if (config.help.command !== '') out += `Typical pipeline command:\n\n  ${config.help.command}\n\n`;
  for (const [group, params] of visible) {
    if (params.size === 0) continue;
    const typeWidth = Math.max(0, ...[...params.values()].map((s) => typeLabel(s).length));
    out += `${group}\n`;
    for (const [name, schema] of params) {
      const description = typeof schema.description === 'string' ? `${schema.description} ` : '';
      const accepted = Array.isArray(schema.enum) ? ` (accepted: ${schema.enum.map(show).join(', ')}) ` : '';
      const fallback =
        schema.default === undefined || schema.default === null ? '' : `[default: ${show(schema.default)}] `;
      out +=
        `  --${name.padEnd(width)}${typeLabel(schema).padEnd(typeWidth + 1)}${description}${accepted}${fallback}`.trimEnd();
      out += '\n';
    }
    out += '\n';
  }
  if (hidden > 0)
    out += ` !! Hiding ${hidden} param(s), use the \`--${config.help.showHiddenParameter}\` parameter to show them !!\n`;
  out += '------------------------------------------------------\n';
  return out + config.help.afterText;
}

// `[string]`, or a list of types as Groovy prints a list (`[boolean, string]`).
function typeLabel(schema: ParamSchema): string {
  if (Array.isArray(schema.type)) return `[${schema.type.map(show).join(', ')}]`;
  return typeof schema.type === 'string' && schema.type !== '' ? `[${schema.type}]` : '';
}

// The details of one parameter: each schema keyword and its value.
function detail(groups: Map<string, Map<string, ParamSchema>>, param: string): string {
  const schema = [...groups.values()].map((g) => g.get(param)).find((s) => s !== undefined);
  if (schema === undefined)
    throw new Error(`Unable to create help message: Specified param '${param}' does not exist in JSON schema.`);
  const keys = Object.keys(schema).filter((k) => k !== 'fa_icon');
  const width = Math.max(0, ...keys.map((k) => k.length));
  return `--${param}\n${keys.map((k) => `    ${k.padEnd(width)}: ${show(schema[k])}\n`).join('')}`;
}
