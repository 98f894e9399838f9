// Workflow inputs given as flags after the tool, as cwltool takes them: `--name value` or `--name=value`,
// booleans as bare flags, arrays by repeating the flag, File and Directory inputs as paths.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../../../engine/errors.js';
import type { CwlParameter, CwlType } from '../model.js';

// The non-null members of a type.
function members(type: CwlType): CwlType[] {
  return Array.isArray(type) ? (type as CwlType[]).flatMap(members).filter((t) => t !== 'null') : [type];
}

// The one scalar or array shape a flag value takes for this type.
function kindOf(type: CwlType): { array: boolean; item: string } {
  const first = members(type)[0] ?? 'string';
  if (typeof first === 'object' && !Array.isArray(first) && (first as { type: string }).type === 'array') {
    const items = members((first as { items: CwlType }).items)[0] ?? 'string';
    return { array: true, item: typeof items === 'string' ? items : (items as { type: string }).type };
  }
  return { array: false, item: typeof first === 'string' ? first : (first as { type: string }).type };
}

// Converts one flag value to the item type.
function convert(text: string, item: string, name: string, launchDir: string): unknown {
  switch (item) {
    case 'int':
    case 'long':
    case 'float':
    case 'double': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n) || ((item === 'int' || item === 'long') && !Number.isInteger(n))) {
        throw new UsageError(`input --${name} expects ${item}, got \`${text}\``, {
          hint: `pass a number: --${name} 3`,
        });
      }
      return n;
    }
    case 'boolean':
      return text === 'true';
    case 'File':
    case 'Directory':
      return { class: item, location: pathToFileURL(resolve(launchDir, text)).href };
    default:
      return text;
  }
}

// Parses `args` (after the job file) into an input object for `inputs`.
export function parseInputFlags(
  args: readonly string[],
  inputs: readonly CwlParameter[],
  launchDir: string,
): Record<string, unknown> {
  const byName = new Map(inputs.map((input) => [input.id, input]));
  const job: Record<string, unknown> = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (!arg.startsWith('--'))
      throw new UsageError(`unexpected argument \`${arg}\` after the job file`, {
        hint: 'give inputs as `--name value`; only one job file is allowed',
      });
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const input = byName.get(name) ?? byName.get(name.replace(/-/g, '_'));
    if (input === undefined) {
      throw new UsageError(`unknown input \`--${name}\``, {
        hint: `the inputs are ${inputs.map((p) => `--${p.id}`).join(', ') || '(none)'}`,
      });
    }
    const kind = kindOf(input.type);
    let text: string;
    if (eq >= 0) text = arg.slice(eq + 1);
    else if (
      kind.item === 'boolean' &&
      !kind.array &&
      (args[i + 1] === undefined ||
        (args[i + 1] as string).startsWith('--') ||
        !['true', 'false'].includes(args[i + 1] as string))
    )
      text = 'true';
    else {
      const next = args[i + 1];
      if (next === undefined) throw new UsageError(`input --${name} needs a value`, { hint: `write --${name} VALUE` });
      text = next;
      i += 1;
    }
    const value = convert(text, kind.item, name, launchDir);
    if (kind.array) job[input.id] = [...((job[input.id] as unknown[] | undefined) ?? []), value];
    else job[input.id] = value;
  }
  return job;
}
