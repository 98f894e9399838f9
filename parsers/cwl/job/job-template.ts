// What cwltool's --make-template and `cwltool tool.cwl --help` print for a process's inputs: a YAML job with a
// placeholder of each input's type, and a usage text with one flag per input.
import { stringify } from 'yaml';
import { describeType } from '../load/index.js';
import type { CwlParameter, CwlType } from '../model.js';

// A placeholder value of a type, as cwltool's template gives: `a_string`, 0, 0.1, false, a File, [], {} ….
function placeholder(type: CwlType): unknown {
  if (Array.isArray(type)) {
    const concrete = (type as readonly CwlType[]).filter((t) => t !== 'null');
    return concrete.length === 0 ? null : placeholder(concrete[0] as CwlType);
  }
  if (typeof type === 'string') {
    switch (type) {
      case 'string':
        return 'a_string';
      case 'int':
      case 'long':
        return 0;
      case 'float':
      case 'double':
        return 0.1;
      case 'boolean':
        return false;
      case 'File':
        return { class: 'File', path: 'a/file/path' };
      case 'Directory':
        return { class: 'Directory', path: 'a/directory/path' };
      default:
        return null;
    }
  }
  const typed = type as { type: string };
  if (typed.type === 'array') return [];
  if (typed.type === 'enum') return (type as { symbols: readonly string[] }).symbols[0] ?? null;
  if (typed.type === 'record') {
    const fields = (type as { fields: readonly CwlParameter[] }).fields;
    return Object.fromEntries(fields.map((f) => [f.id, f.default ?? placeholder(f.type)]));
  }
  return null;
}

// The YAML job template of a process: every input with its default or a placeholder, its type in a comment.
export function jobTemplate(inputs: readonly CwlParameter[]): string {
  const lines: string[] = [];
  for (const input of inputs) {
    const value = input.default ?? placeholder(input.type);
    const optional = Array.isArray(input.type) && (input.type as readonly CwlType[]).includes('null');
    const comment = `# type "${describeType(input.type)}"${optional ? ' (optional)' : ''}${input.default === undefined ? '' : ' (default value)'}`;
    if (input.doc !== undefined || input.label !== undefined)
      lines.push(`# ${(input.doc ?? input.label ?? '').replace(/\n/g, ' ')}`);
    const yaml = stringify({ [input.id]: value }).trimEnd();
    const [first, ...rest] = yaml.split('\n');
    lines.push(`${first}  ${comment}`, ...rest);
  }
  return `${lines.join('\n')}\n`;
}

// The usage text of a process's inputs as flags, as `cwltool tool.cwl --help` prints it.
export function inputsHelp(name: string, inputs: readonly CwlParameter[]): string {
  const usage = inputs.map((input) => {
    const flag = `--${input.id}${describeType(input.type) === 'boolean' ? '' : ` ${input.id.toUpperCase()}`}`;
    const optional =
      input.default !== undefined || (Array.isArray(input.type) && (input.type as readonly CwlType[]).includes('null'));
    return optional ? `[${flag}]` : flag;
  });
  const rows = inputs.map((input) => {
    const left = `  --${input.id} ${describeType(input.type) === 'boolean' ? '' : input.id.toUpperCase()}`.trimEnd();
    const help = [
      input.doc ?? input.label,
      `type: ${describeType(input.type)}`,
      input.default === undefined ? undefined : `default: ${JSON.stringify(input.default)}`,
    ]
      .filter((p) => p !== undefined)
      .join('; ');
    return `${left.padEnd(32)}${help}`;
  });
  return [`usage: ${name} [-h] ${usage.join(' ')}`.trimEnd(), '', 'inputs:', ...rows, ''].join('\n');
}
