// secondaryFiles: the files that travel with a primary file, found from patterns or expressions.
// https://www.commonwl.org/v1.2/CommandLineTool.html#SecondaryFileSchema
import { stat } from 'node:fs/promises';
import type { CwlFile, CwlSecondaryFile } from '../model.js';
import { CwlFileError } from './errors.js';
import type { CwlFileOrDirectory } from './file-object.js';
import { isDirectory, isFile, isLiteral, localPath } from './file-object.js';
import { basenameOf, locationFromPath } from './location.js';

export interface SecondaryFilesContext {
  // Evaluates a pattern or `required` that holds an expression, with `self` the primary file.
  readonly evaluate: (text: string, self: CwlFile) => Promise<unknown>;
  readonly baseDir: string;
  readonly defaultRequired: boolean; // true for inputs, false for outputs (the spec's defaults)
  // Look for files on disk (cwltool does for the top-level process and for outputs); without it, listed
  // secondaryFiles are trusted and a required one that is not listed is missing.
  readonly discover?: boolean | undefined;
}

// Applies a secondaryFiles suffix pattern: each leading `^` strips one extension, the rest is appended.
export function substituteSuffix(name: string, pattern: string): string {
  if (!pattern.startsWith('^')) return name + pattern;
  const dot = name.lastIndexOf('.');
  if (dot < 0) return name + pattern.replace(/^\^+/, '');
  return substituteSuffix(name.slice(0, dot), pattern.slice(1));
}

// Returns the primary file with the secondary files its patterns name added, unless already listed; a missing
// required one is an error, a missing optional one is left out.
export async function resolveSecondaryFiles(
  primary: CwlFile,
  specs: readonly CwlSecondaryFile[],
  ctx: SecondaryFilesContext,
): Promise<CwlFile> {
  if (ctx.discover === false && primary.secondaryFiles !== undefined) return primary;
  const found: CwlFileOrDirectory[] = [...(primary.secondaryFiles ?? [])];
  const primaryPath = localPath(primary, ctx.baseDir);
  const primaryDir = primaryPath.slice(0, primaryPath.lastIndexOf('/') + 1);
  for (const spec of specs) {
    const required = await requiredOf(spec, primary, ctx);
    for (const candidate of await candidatesOf(spec, primary, ctx)) {
      const entry =
        candidate.kind === 'object'
          ? await existing(candidate.value, ctx.baseDir, required)
          : ctx.discover === false
            ? missing(primaryDir + candidate.name, !candidate.optional && required)
            : await onDisk(primaryDir + candidate.name, !candidate.optional && required);
      if (entry === undefined) continue;
      const name = entry.basename ?? basenameOf(entry.location ?? entry.path ?? '');
      if (found.some((known) => (known.basename ?? basenameOf(known.location ?? known.path ?? '')) === name)) continue;
      found.push(entry);
    }
  }
  return specs.length === 0 && primary.secondaryFiles === undefined ? primary : { ...primary, secondaryFiles: found };
}

type Candidate =
  | { readonly kind: 'name'; readonly name: string; readonly optional: boolean }
  | { readonly kind: 'object'; readonly value: CwlFileOrDirectory };

// The names (or File/Directory objects) a pattern gives for one primary file.
async function candidatesOf(
  spec: CwlSecondaryFile,
  primary: CwlFile,
  ctx: SecondaryFilesContext,
): Promise<Candidate[]> {
  const name = primary.basename ?? basenameOf(localPath(primary, ctx.baseDir));
  const named = (text: string, fromExpression: boolean): Candidate => {
    const optional = text.endsWith('?');
    const core = optional ? text.slice(0, -1) : text;
    return { kind: 'name', name: fromExpression ? core : substituteSuffix(name, core), optional };
  };
  if (!/\$[({]/.test(spec.pattern)) return [named(spec.pattern, false)];
  const result = await ctx.evaluate(spec.pattern, primary);
  const items = Array.isArray(result) ? (result as unknown[]) : [result];
  const out: Candidate[] = [];
  for (const item of items) {
    if (item === null || item === undefined) continue;
    if (typeof item === 'string') out.push(named(item, true));
    else if (isFile(item) || isDirectory(item)) out.push({ kind: 'object', value: item });
    else
      throw new CwlFileError(`secondaryFiles expression ${spec.pattern} gave ${JSON.stringify(item)}`, {
        hint: 'return a file name, a File or Directory object, a list of them, or null',
      });
  }
  return out;
}

// Whether a secondary file is required: its `required` field (possibly an expression) or the default.
async function requiredOf(spec: CwlSecondaryFile, primary: CwlFile, ctx: SecondaryFilesContext): Promise<boolean> {
  if (spec.required === undefined) return ctx.defaultRequired;
  if (typeof spec.required === 'boolean') return spec.required;
  return (await ctx.evaluate(spec.required, primary)) === true;
}

// A File or Directory an expression gave, if it exists (or is a literal); a missing one is an error when required.
async function existing(
  value: CwlFileOrDirectory,
  baseDir: string,
  required: boolean,
): Promise<CwlFileOrDirectory | undefined> {
  if (isLiteral(value)) return value;
  const path = localPath(value, baseDir);
  if ((await stat(path).catch(() => undefined)) !== undefined) return value;
  return missing(path, required);
}

// The secondary file at `path` taken as absent: an error when it is required.
function missing(path: string, required: boolean): undefined {
  if (required)
    throw new CwlFileError(`Missing required secondary file \`${path}\``, {
      hint: 'list it in the secondaryFiles of the File, or declare the pattern on the workflow input too',
    });
  return undefined;
}

// A File or Directory object for a path that exists, undefined for an optional one that does not.
async function onDisk(path: string, required: boolean): Promise<CwlFileOrDirectory | undefined> {
  const stats = await stat(path).catch(() => undefined);
  if (stats === undefined) {
    if (!required) return undefined;
    throw new CwlFileError(`Missing required secondary file \`${path}\``, {
      hint: 'create it beside the primary file, or mark the pattern optional (`required: false` or a trailing `?`)',
    });
  }
  return { class: stats.isDirectory() ? 'Directory' : 'File', location: locationFromPath(path) };
}
