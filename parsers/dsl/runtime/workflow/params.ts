// Pipeline params: defaults in the script, overridden by config, a params file and `--name value` on the command line.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { UsageError } from '../../../../engine/errors.js';

// A params map where values set from outside (config, params file, command line) win over script defaults.
export class ParamsMap extends Map<unknown, unknown> {
  readonly fixed = new Set<unknown>();
  readonly fromCommandLine = new Set<unknown>();
  // Sets a value from outside the script; later script assignments leave it alone.
  fix(key: string, value: unknown): void {
    super.set(key, value);
    this.fixed.add(key);
  }
  // Sets a value from `--name value`; the script's default, when it comes, must be of a type the value has.
  fixFromCommandLine(key: string, value: unknown): void {
    this.fix(key, value);
    this.fromCommandLine.add(key);
  }
  override set(key: unknown, value: unknown): this {
    if (this.fixed?.has(key) === true) {
      if (this.fromCommandLine.has(key)) checkParamType(String(key), value, super.get(key));
      return this;
    }
    return super.set(key, value);
  }
}

// Checks a command-line param against the type of the script's default: an integer default takes an integer, a
// number a number, a boolean true or false (`--minlen abc` with `params.minlen = 10` is an error).
export function checkParamType(name: string, fallback: unknown, given: unknown): void {
  const expected =
    typeof fallback === 'boolean'
      ? typeof given === 'boolean'
        ? undefined
        : 'true or false'
      : typeof fallback === 'number' && Number.isInteger(fallback)
        ? typeof given === 'number' && Number.isInteger(given)
          ? undefined
          : 'an integer'
        : typeof fallback === 'number'
          ? typeof given === 'number'
            ? undefined
            : 'a number'
          : undefined;
  if (expected === undefined) return;
  throw new UsageError(
    `--${name} expects ${expected}, as its default \`params.${name} = ${JSON.stringify(fallback)}\` is; got ${JSON.stringify(given)}`,
    {
      hint: `give --${name} ${expected === 'true or false' ? 'true' : String(fallback)}, or leave it out for the default`,
    },
  );
}

// A command-line value as Nextflow types it: true/false, integers, decimals, else the text.
export function coerceParam(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^[+-]?\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  if (/^[+-]?\d*\.\d+(?:[eE][+-]?\d+)?$/.test(text)) return Number(text);
  return text;
}

// `foo-bar` → `fooBar`, as Nextflow also accepts kebab-case params.
function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

// Splits the words after the script into `--name value` / `--name=value` / `--flag` params and the positional
// arguments (`args` in the script), as `nextflow run main.nf --alpha 1 a b c` does.
export function splitArgs(args: readonly string[]): { params: Map<string, unknown>; positional: string[] } {
  const params = new Map<string, unknown>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!/^--[A-Za-z0-9]/.test(arg)) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    let name: string;
    let value: unknown;
    if (eq > 0) {
      name = arg.slice(2, eq);
      value = coerceParam(arg.slice(eq + 1));
    } else {
      name = arg.slice(2);
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) value = true;
      else {
        value = coerceParam(next);
        i++;
      }
    }
    params.set(name, value);
    if (name.includes('-')) params.set(camel(name), value);
  }
  return { params, positional };
}

// The params of `--name value` pairs.
export function paramsFromArgs(args: readonly string[]): Map<string, unknown> {
  return splitArgs(args).params;
}

// Converts parsed YAML/JSON into runtime values (objects become maps).
export function toRuntimeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toRuntimeValue);
  if (value !== null && typeof value === 'object')
    return new Map(Object.entries(value).map(([k, v]) => [k, toRuntimeValue(v)]));
  return value ?? null;
}

// Reads a YAML or JSON params file.
export function paramsFromFile(file: string): Map<string, unknown> {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read the params file \`${file}\`: ${(error as Error).message}`, { cause: error });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new UsageError(`the params file \`${file}\` must hold a map of names to values`);
  }
  return new Map(Object.entries(data).map(([k, v]) => [k, toRuntimeValue(v)]));
}
