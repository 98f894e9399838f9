// Collecting a finished task's outputs from its work dir: values, files by glob, tuples, stdout.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { isInside, leavesFolder } from '../../../common/contained-path.js';
import type { IoDeclaration } from '../../syntax/ast-script.js';
import { type EvalContext, evaluate } from '../eval/context.js';
import { globFiles, isGlob, unescapeGlob } from '../stdlib/glob.js';
import { ENV_OUTPUT_FILE, evalKey, parseEnvOutputs } from './task-script.js';
import { isPath, pathValue, show, truthy, type DslClosure } from '../values/values.js';
import { childScope } from '../eval/scope.js';

// A missing required output, or one the task may not claim: the task fails with this reason.
export class MissingOutput extends Error {}

// Collects one output declaration's value; `files` receives every output file (for publishDir).
export function collectOutput(
  ctx: EvalContext,
  decl: IoDeclaration,
  workDir: string,
  inputNames: ReadonlySet<string>,
  files: string[],
): unknown {
  const optional = decl.options.some((o) => o.name === 'optional' && truthy(evaluate(ctx, o.value)));
  switch (decl.qualifier) {
    case 'val':
      return decl.target === undefined ? null : evaluate(ctx, decl.target);
    case 'env': {
      const name =
        decl.target === undefined
          ? ''
          : decl.target.kind === 'identifier'
            ? decl.target.name
            : show(evaluate(ctx, decl.target));
      const file = join(workDir, ENV_OUTPUT_FILE);
      const value = existsSync(file) ? parseEnvOutputs(readFileSync(file, 'utf8')).get(name) : undefined;
      if (value === undefined && !optional)
        throw new MissingOutput(`missing \`env\` output \`${name}\` expected by the process`);
      return value ?? null;
    }
    case 'eval': {
      const command = decl.target === undefined ? '' : show(evaluate(ctx, decl.target));
      const file = join(workDir, ENV_OUTPUT_FILE);
      const value = existsSync(file) ? parseEnvOutputs(readFileSync(file, 'utf8')).get(evalKey(command)) : undefined;
      if (value === undefined) throw new MissingOutput(`missing \`eval\` output of \`${command}\``);
      return value;
    }
    case 'stdout':
      return existsSync(join(workDir, '.command.out')) ? readFileSync(join(workDir, '.command.out'), 'utf8') : '';
    case 'tuple': {
      // `tuple …, optional: true`: a component missing leaves the whole tuple out (its files are not published)
      const found: string[] = [];
      try {
        const values = decl.components.map((component) => collectOutput(ctx, component, workDir, inputNames, found));
        files.push(...found);
        return values;
      } catch (error) {
        if (optional && error instanceof MissingOutput) return null;
        throw error;
      }
    }
    case 'expression':
      return decl.target === undefined
        ? null
        : inWorkDir(evaluate(outputContext(ctx, workDir, inputNames, files), decl.target), workDir);
    case 'record':
      throw new MissingOutput('`record(…)` with types declares an input; an output record is `record(name: value, …)`');
    case 'path':
    case 'file': {
      // a path (an input's staged name) or `glob: false` names one file; text is a glob pattern, where `\*` is a star
      const noGlob = decl.options.some((o) => o.name === 'glob' && !truthy(evaluate(ctx, o.value)));
      const targets = decl.target === undefined ? [] : [evaluate(ctx, decl.target)].flat();
      const literal = (pattern: string): boolean => noGlob || targets.some((t) => isPath(t) && t.path === pattern);
      // a legacy `file` output names several patterns separated by `:` (`file 'chunk1:chunk3'`)
      const patterns = targets.flatMap((t) =>
        isPath(t) ? [t.path] : decl.qualifier === 'file' ? show(t).split(':') : [show(t)],
      );
      const flag = (name: string): boolean =>
        decl.options.some((o) => o.name === name && truthy(evaluate(ctx, o.value)));
      const options = { optional, includeInputs: flag('includeInputs'), hidden: flag('hidden'), literal };
      return outputFiles(patterns, workDir, options, inputNames, files);
    }
    case 'stdin':
    case 'each':
      throw new MissingOutput(`\`${decl.qualifier}\` is not an output qualifier`);
  }
}

// An output value whose staged input files (known by their names in the work dir) are made paths in the work dir.
function inWorkDir(value: unknown, workDir: string): unknown {
  if (isPath(value)) return isAbsolute(value.path) ? value : pathValue(join(workDir, value.path));
  if (Array.isArray(value)) return value.map((v) => inWorkDir(v, workDir));
  if (value instanceof Map)
    return new Map([...value].map(([k, v]) => [k, inWorkDir(v, workDir)] as [unknown, unknown]));
  return value;
}

// The files a task made that match `patterns` (one path, or a list for a glob or several), recorded in `files`.
function outputFiles(
  patterns: readonly string[],
  workDir: string,
  {
    optional,
    includeInputs,
    hidden,
    literal = () => false,
  }: { optional: boolean; includeInputs: boolean; hidden: boolean; literal?: (pattern: string) => boolean },
  inputNames: ReadonlySet<string>,
  files: string[],
): unknown {
  const found: string[] = [];
  for (const pattern of patterns) {
    if (leavesFolder(pattern))
      throw new MissingOutput(
        `output pattern \`${pattern}\` points outside the task's work dir; declare files the task writes in its work dir`,
      );
    const name = literal(pattern) ? pattern : unescapeGlob(pattern);
    const matches =
      !literal(pattern) && isGlob(pattern)
        ? globFiles(pattern, workDir, { type: 'any', hidden }).filter(
            (file) => isInside(workDir, file) && (includeInputs || !inputNames.has(file.slice(workDir.length + 1))),
          )
        : existsSync(join(workDir, name))
          ? [join(workDir, name)]
          : [];
    if (matches.length === 0 && !optional)
      throw new MissingOutput(`missing output file(s) \`${pattern}\` expected by the process`);
    found.push(...matches);
  }
  files.push(...found);
  if (found.length === 0) return null;
  const paths = found.map(pathValue);
  return paths.length === 1 && !patterns.some(isGlob) ? paths[0] : paths.length === 1 ? paths[0] : paths;
}

// The task scope with the functions of typed outputs: `file(pattern, optional: …)` and `files(pattern)` (the files
// the task made), `stdout()`, `env('NAME')` and `eval('command')` (captured when the script ended).
function outputContext(
  ctx: EvalContext,
  workDir: string,
  inputNames: ReadonlySet<string>,
  files: string[],
): EvalContext {
  const split = (args: readonly unknown[]): { named: Map<unknown, unknown>; rest: unknown[] } =>
    args[0] instanceof Map ? { named: args[0], rest: args.slice(1) } : { named: new Map(), rest: [...args] };
  const fileFunction = (many: boolean) => (args: readonly unknown[]) => {
    const { named, rest } = split(args);
    const options = {
      optional: truthy(named.get('optional') ?? false),
      includeInputs: truthy(named.get('includeInputs') ?? false),
      hidden: truthy(named.get('hidden') ?? false),
    };
    const found = outputFiles([show(rest[0])], workDir, options, inputNames, files);
    return many ? (found === null ? [] : [found].flat()) : found;
  };
  const captured = (key: string, what: string): unknown => {
    const file = join(workDir, ENV_OUTPUT_FILE);
    const value = existsSync(file) ? parseEnvOutputs(readFileSync(file, 'utf8')).get(key) : undefined;
    if (value === undefined) throw new MissingOutput(`missing ${what} expected by the process`);
    return value;
  };
  const fn = (call: (args: readonly unknown[]) => unknown): DslClosure => ({ kind: 'closure', arity: 1, call });
  const vars: [string, unknown][] = [
    ['file', fn(fileFunction(false))],
    ['files', fn(fileFunction(true))],
    [
      'stdout',
      fn(() => (existsSync(join(workDir, '.command.out')) ? readFileSync(join(workDir, '.command.out'), 'utf8') : '')),
    ],
    ['env', fn((args) => captured(show(args[0]), `\`env\` output \`${show(args[0])}\``))],
    ['eval', fn((args) => captured(evalKey(show(args[0])), `\`eval\` output of \`${show(args[0])}\``))],
  ];
  return { module: ctx.module, scope: childScope(ctx.scope, vars) };
}

// The `emit:` name of an output declaration, if any.
export function emitName(decl: IoDeclaration): string | undefined {
  return decl.name ?? optionName(decl, 'emit');
}

// A name given by an option of a declaration (`emit: x`, `topic: 'versions'`), if any.
export function optionName(decl: IoDeclaration, option: string): string | undefined {
  const emit = decl.options.find((o) => o.name === option);
  if (emit === undefined) return undefined;
  return emit.value.kind === 'identifier'
    ? emit.value.name
    : emit.value.kind === 'string'
      ? emit.value.value
      : undefined;
}
