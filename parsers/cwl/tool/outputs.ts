// Collecting a tool's outputs from its output dir: cwl.output.json, or each output's glob, loadContents,
// outputEval, secondaryFiles and format, checked against the declared type.
// https://www.commonwl.org/v1.2/CommandLineTool.html#CommandOutputBinding
import { existsSync, lstatSync, statSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { CwlFileOrDirectory, OutputPlaces } from '../files/index.js';
import {
  completeFileAt,
  completeFileOrDirectory,
  isDirectory,
  isFile,
  mapFileObjects,
  misplacedOutput,
  readContents,
  resolveSecondaryFiles,
  sha1Checksum,
} from '../files/index.js';
import { expandFormat } from '../files/index.js';
import type { CommandLineTool, CwlFile, CwlParameter, CwlType, LoadListing } from '../model.js';
import { ToolError } from './errors.js';
import { globFiles } from './glob.js';
import { isOptional, isUnion, matchesType, withoutNull } from './type-match.js';

export interface OutputContext {
  readonly outdir: string;
  readonly loadListing: LoadListing; // LoadListingRequirement in effect
  // Evaluates an expression with `self` (runtime.exitCode included by the caller).
  readonly evaluate: (text: unknown, self: unknown) => Promise<unknown>;
  readonly signal?: AbortSignal | undefined;
  // Whether an output may be where it is (in the work dir, or an input), by real path: checked for symlinked
  // outputs, and for every file of cwl.output.json, outputEval and secondaryFiles.
  readonly mayLinkTo?: OutputPlaces | undefined;
  // Moves the paths a tool wrote into cwl.output.json to host paths (a tool that ran in a container names its own).
  readonly hostPaths?: ((written: unknown) => Promise<unknown>) | undefined;
}

// The output object of a finished tool.
export async function collectOutputs(tool: CommandLineTool, ctx: OutputContext): Promise<Record<string, unknown>> {
  const custom = join(ctx.outdir, 'cwl.output.json');
  const text = existsSync(custom) ? await readFile(custom, 'utf8') : undefined; // a cheap check first: few tools write one
  if (text !== undefined) {
    const parsed = JSON.parse(text) as unknown;
    const written = ctx.hostPaths === undefined ? parsed : await ctx.hostPaths(parsed);
    await checkPlaces(written, ctx, 'cwl.output.json');
    return (await mapFileObjects(written, async (entry) =>
      trimmed(await complete(entry, ctx, 'deep_listing')),
    )) as Record<string, unknown>;
  }
  const out: Record<string, unknown> = {};
  for (const parameter of tool.outputs) out[parameter.id] = await collectOutput(tool, parameter, ctx);
  return out;
}

// One output's value, checked against its type.
async function collectOutput(tool: CommandLineTool, parameter: CwlParameter, ctx: OutputContext): Promise<unknown> {
  const type = parameter.type;
  const listing = parameter.outputBinding?.loadListing ?? parameter.loadListing ?? ctx.loadListing;
  const value = await rawValue(tool, parameter, ctx, listing);
  let result = await coerce(value, type, parameter.id);
  result = await mapFileObjects(result, async (entry) => {
    let done = await complete(entry, ctx, listing);
    if (isFile(done) && parameter.secondaryFiles !== undefined && parameter.secondaryFiles.length > 0) {
      done = await resolveSecondaryFiles(done, parameter.secondaryFiles, {
        baseDir: ctx.outdir,
        defaultRequired: false,
        evaluate: (text, self) => ctx.evaluate(text, self),
      });
      done = await complete(done, ctx, listing);
    }
    if (isFile(done) && parameter.format !== undefined) {
      const format = await ctx.evaluate(parameter.format, done);
      if (typeof format === 'string') done = { ...done, format: expandFormat(format, tool.namespaces) };
    }
    return trimmed(done);
  });
  if (parameter.outputBinding?.outputEval !== undefined || (parameter.secondaryFiles?.length ?? 0) > 0)
    await checkPlaces(result, ctx, `output \`${parameter.id}\``);
  if (!matchesType(type, result)) {
    throw new ToolError(
      `Output \`${parameter.id}\` should be of type ${JSON.stringify(type)}, got ${JSON.stringify(result) ?? 'nothing'}`,
      {
        hint:
          result === null || result === undefined
            ? 'the tool did not create the file its glob names'
            : 'check the glob and outputEval of the output',
      },
    );
  }
  return result ?? null;
}

// What the output binding gives before type coercion: the glob's files, their contents, outputEval's result.
async function rawValue(
  tool: CommandLineTool,
  parameter: CwlParameter,
  ctx: OutputContext,
  listing: LoadListing,
): Promise<unknown> {
  const binding = parameter.outputBinding;
  const stream = parameter.type === 'stdout' ? tool.stdout : parameter.type === 'stderr' ? tool.stderr : undefined;
  const globs =
    stream !== undefined
      ? [stream]
      : binding?.glob === undefined
        ? []
        : Array.isArray(binding.glob)
          ? binding.glob
          : [binding.glob];
  const record = withoutNull(parameter.type);
  if (
    binding === undefined &&
    stream === undefined &&
    typeof record === 'object' &&
    !isUnion(record) &&
    record.type === 'record'
  ) {
    const fields: Record<string, unknown> = {};
    for (const field of record.fields) fields[field.id] = await collectOutput(tool, field, ctx);
    return fields;
  }
  let files: CwlFileOrDirectory[] = [];
  for (const glob of globs) {
    const patterns = await ctx.evaluate(glob, null);
    for (const pattern of Array.isArray(patterns) ? patterns : [patterns]) {
      if (typeof pattern !== 'string')
        throw new ToolError(`glob of \`${parameter.id}\` must give file names, got ${JSON.stringify(pattern)}`);
      const relativePath = relative(ctx.outdir, resolve(ctx.outdir, pattern));
      if (relativePath === '..' || relativePath.startsWith('../') || isAbsolute(relativePath)) {
        throw new ToolError(`glob \`${pattern}\` of output \`${parameter.id}\` is outside the output directory`, {
          hint: 'glob paths relative to the output directory (runtime.outdir)',
        });
      }
      files.push(...(await filesMatching(pattern, ctx, listing)));
    }
  }
  if (binding?.loadContents === true || parameter.loadContents === true) {
    files = await Promise.all(
      files.map(async (file) => (isFile(file) ? { ...file, contents: await readContents(file.path ?? '') } : file)),
    );
  }
  if (binding?.outputEval !== undefined) return ctx.evaluate(binding.outputEval, files);
  if (globs.length === 0) return null;
  return files;
}

// Files a glob matched, completed from the disk just now: completing them as outputs only adds their checksum.
const globbed = new WeakSet<CwlFileOrDirectory>();

// File and Directory objects for what a glob pattern matches in the output dir, sorted by path.
async function filesMatching(
  pattern: string,
  ctx: OutputContext,
  loadListing: LoadListing,
): Promise<CwlFileOrDirectory[]> {
  const outdir = ctx.outdir;
  const paths = await globFiles(pattern, outdir);
  return Promise.all(
    paths.map(async (path) => {
      // Synchronous stats: the glob just found the path, and a thread-pool round trip costs more than the call.
      const link = lstatSync(path);
      if (link.isSymbolicLink() && ctx.mayLinkTo !== undefined) {
        const real = await realpath(path);
        if (!(await ctx.mayLinkTo(real)))
          throw new ToolError(`Output \`${path}\` is a symlink to \`${real}\`, outside the work dir`, {
            hint: 'write outputs into the output directory; a symlink to a file elsewhere is not an output',
          });
      }
      const stats = link.isSymbolicLink() ? statSync(path) : link;
      const options = { baseDir: outdir, loadListing };
      const done = stats.isFile()
        ? await completeFileAt(path, stats, options)
        : await completeFileOrDirectory({ class: 'Directory', path }, options);
      if (isFile(done)) globbed.add(done);
      return done;
    }),
  );
}

// A list of files where the type wants one: its only item, or null when empty; other values unchanged.
async function coerce(value: unknown, type: CwlType, id: string): Promise<unknown> {
  const single = withoutNull(type);
  const wantsOne =
    single === 'File' ||
    single === 'Directory' ||
    (isUnion(single) && single.every((t) => t === 'File' || t === 'Directory'));
  if (!wantsOne || !Array.isArray(value)) return value;
  if (value.length === 0) {
    if (isOptional(type)) return null;
    throw new ToolError(`Did not find output file for \`${id}\` of type ${JSON.stringify(type)}`, {
      hint: 'the tool did not create a file its glob matches',
    });
  }
  if (value.length > 1)
    throw new ToolError(
      `Multiple matches for output \`${id}\` of type File: ${value.map((v: unknown) => (v as CwlFile).path).join(', ')}`,
    );
  return value[0];
}

// Throws when a File or Directory of an output lies outside the work dir and the inputs, or has a basename that is
// not a plain name.
async function checkPlaces(value: unknown, ctx: OutputContext, what: string): Promise<void> {
  const places = ctx.mayLinkTo ?? (async (real: string) => real === ctx.outdir || real.startsWith(`${ctx.outdir}/`));
  const problem = await misplacedOutput(value, places, ctx.outdir);
  if (problem !== undefined)
    throw new ToolError(`${what}: ${problem}`, {
      hint: 'outputs are files the tool wrote in its output directory (runtime.outdir), or its inputs',
    });
}

// Completes an output File or Directory: location, path, name parts, checksum, size, listing.
async function complete(
  entry: CwlFileOrDirectory,
  ctx: OutputContext,
  loadListing: LoadListing,
): Promise<CwlFileOrDirectory> {
  if (isFile(entry) && globbed.has(entry) && entry.path !== undefined)
    return { ...entry, checksum: await sha1Checksum(entry.path, ctx.signal, entry.size) };
  return completeFileOrDirectory(entry, { baseDir: ctx.outdir, checksum: true, loadListing, signal: ctx.signal });
}

// Leaves out the fields cwltool does not report on outputs (dirname, nameroot, nameext), in listings too.
function trimmed(entry: CwlFileOrDirectory): CwlFileOrDirectory {
  if (isDirectory(entry))
    return entry.listing === undefined ? entry : { ...entry, listing: entry.listing.map(trimmed) };
  const { dirname: _d, nameroot: _r, nameext: _e, ...rest } = entry;
  return rest.secondaryFiles === undefined ? rest : { ...rest, secondaryFiles: rest.secondaryFiles.map(trimmed) };
}
