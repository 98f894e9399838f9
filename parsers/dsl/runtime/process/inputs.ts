// Binding one input set of a process to task variables and the files to stage.
import type { IoDeclaration } from '../../syntax/ast-script.js';
import { type EvalContext, evaluate } from '../eval/context.js';
import { filesOf, stageNames, type StagedFile } from './staging.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { sha256 } from '../../../../engine/cache-key.js';
import { blankSeparated, isPath, pathValue, show, stagedPath, valueKey, type DslPath } from '../values/values.js';
import { scriptError } from '../eval/script-error.js';
import { findScope } from '../eval/scope.js';
import { leavesFolder } from '../../../common/contained-path.js';

// What one task's inputs give it: variables, files to link, env variables and stdin text; `keys` identify the
// non-file input values for the cache (files are identified by what is staged where, whatever order they came in).
export interface BoundInputs {
  readonly vars: [string, unknown][];
  readonly files: StagedFile[];
  readonly env: [string, string][];
  readonly keys: string[];
  stdin?: string | undefined;
}

// The declared name or pattern of an input: an identifier names a variable, a string a stage name.
function targetOf(ctx: EvalContext, decl: IoDeclaration): { variable?: string; pattern?: string } {
  const target = decl.target;
  if (target === undefined) return {};
  if (target.kind === 'identifier') return { variable: target.name };
  return { pattern: show(evaluate(ctx, target)) };
}

// Whether a legacy `file` input's value is text to stage as a file's content rather than a path: anything but a
// path, a list, or text naming an absolute path.
function valueAsFile(value: unknown): boolean {
  if (value === null || value === undefined || Array.isArray(value) || isPath(value)) return false;
  return !(typeof value === 'string' && value.startsWith('/'));
}

// A file holding `value`'s text, named `name`, under work/input-values/ of the launch dir: one folder per task and
// content (a task may write to its inputs), written once, so that a resumed task sees the same file.
function valueFile(ctx: EvalContext, value: unknown, name: string): DslPath {
  const text = show(value);
  const task = findScope(ctx.scope, 'task')?.vars.get('task');
  const owner = task instanceof Map ? `${show(task.get('process'))}\0${show(task.get('index'))}` : '';
  const key = sha256(`${owner}\0${name}\0${text}`).slice(0, 16);
  const dir = join(ctx.module.runtime.launchDir, 'work', 'input-values', key);
  const file = join(dir, basename(name));
  // written afresh for each run: a task may have appended to it (`echo x >> input`), and it must see the value
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, text);
  }
  return pathValue(file);
}

// Binds a value to one input declaration; with `stage` false (exec:), path variables hold the files themselves.
export function bindInput(
  ctx: EvalContext,
  decl: IoDeclaration,
  value: unknown,
  into: BoundInputs,
  stage = true,
): void {
  switch (decl.qualifier) {
    case 'val': {
      const { variable } = targetOf(ctx, decl);
      if (variable !== undefined) into.vars.push([variable, value]);
      into.keys.push(valueKey(value));
      // a typed input stages the files its value holds (in records, lists and maps) under their own names
      if (decl.type !== undefined && stage)
        for (const file of nestedFiles(value)) into.files.push({ source: file.path, name: basename(file.path) });
      return;
    }
    case 'record': {
      if (!(value instanceof Map))
        throw scriptError(ctx, decl.pos, `a record input got \`${show(value)}\`, which is not a record`);
      for (const component of decl.components)
        bindInput(ctx, component, value.get(component.field) ?? null, into, stage);
      return;
    }
    case 'path':
    case 'file': {
      const { variable, pattern } = targetOf(ctx, decl);
      if ((value === null || value === undefined) && decl.type?.endsWith('?') === true) {
        if (variable !== undefined) into.vars.push([variable, null]);
        into.keys.push('null');
        return;
      }
      const stageAs = decl.options.find((o) => o.name === 'stageAs' || o.name === 'name');
      const asText = decl.qualifier === 'file' && valueAsFile(value);
      const files = asText ? [valueFile(ctx, value, pattern ?? `input.${into.files.length + 1}`)] : filesOf(value);
      const names = stageNames(files, stageAs === undefined ? pattern : show(evaluate(ctx, stageAs.value)));
      const outside = names.find(leavesFolder);
      if (outside !== undefined)
        throw scriptError(
          ctx,
          stageAs?.value.pos ?? decl.pos,
          `input stage name \`${outside}\` points outside the task's work dir`,
          'name staged files relative to the work dir, without `..` or a leading `/`',
        );
      // a value staged as a file is known to the cache by its text, as the task may change the file
      files.forEach((file, i) =>
        into.files.push({ source: file.path, name: names[i] as string, ...(asText ? { key: show(value) } : {}) }),
      );
      const staged = stage ? names.map((name) => stagedPath(name)) : files;
      const many = Array.isArray(value) || staged.length !== 1;
      if (variable !== undefined)
        into.vars.push([variable, many ? (stage ? blankSeparated(staged) : staged) : staged[0]]);
      return;
    }
    case 'env': {
      const { variable, pattern } = targetOf(ctx, decl);
      into.env.push([variable ?? pattern ?? '', show(value)]);
      into.keys.push(`env:${variable ?? pattern ?? ''}=${show(value)}`);
      return;
    }
    case 'stdin':
      into.stdin = show(value);
      into.keys.push(`stdin:${show(value)}`);
      if (decl.target?.kind === 'identifier') into.vars.push([decl.target.name, value]);
      return;
    case 'each': {
      const inner = decl.components[0];
      if (inner !== undefined) bindInput(ctx, inner, value, into, stage);
      else {
        const { variable } = targetOf(ctx, decl);
        if (variable !== undefined) into.vars.push([variable, value]);
        into.keys.push(valueKey(value));
      }
      return;
    }
    case 'tuple': {
      if (!Array.isArray(value))
        throw scriptError(ctx, decl.pos, `a tuple input got \`${show(value)}\`, which is not a list`);
      if (value.length < decl.components.length)
        throw scriptError(ctx, decl.pos, `a tuple input of ${decl.components.length} elements got \`${show(value)}\``);
      decl.components.forEach((component, i) => bindInput(ctx, component, value[i], into, stage));
      return;
    }
    case 'stdout':
    case 'eval':
    case 'expression':
      throw scriptError(ctx, decl.pos, `\`${decl.qualifier}\` is an output qualifier, not an input`);
  }
}

// The files a value holds, in lists, sets and maps (the values of records) at any depth.
export function nestedFiles(value: unknown): DslPath[] {
  if (isPath(value)) return [value];
  if (Array.isArray(value)) return value.flatMap(nestedFiles);
  if (value instanceof Map) return [...value.values()].flatMap(nestedFiles);
  return [];
}
