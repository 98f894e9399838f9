// InitialWorkDirRequirement: files, directories, Dirents and expression results placed in the output dir
// before the tool runs; inputs placed there are then passed by their new path.
// https://www.commonwl.org/v1.2/CommandLineTool.html#InitialWorkDirRequirement
import { cp, mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { pythonJsonDumps } from '../expressions/index.js';
import type { CwlFileOrDirectory } from '../files/index.js';
import {
  basenameOf,
  isDirectory,
  isFile,
  isLiteral,
  localPath,
  mapFileObjects,
  materializeLiteral,
} from '../files/index.js';
import type { CwlRequirement } from '../model.js';
import type { Mount } from './container/index.js';
import { ToolError } from './errors.js';

export interface InitialWorkDirOptions {
  readonly outdir: string;
  readonly baseDir: string;
  readonly inplaceUpdate: boolean; // InplaceUpdateRequirement: writable entries are the inputs themselves
  // Evaluates a listing item, entry or entryname; `keepWhitespace` for Dirent entries.
  readonly evaluate: (text: unknown, keepWhitespace?: boolean) => Promise<unknown>;
  readonly container?: ContainerPlacement | undefined; // the tool runs in a container
}

// In a container an absolute entryname is a path inside it: in its output dir, or anywhere else, written under
// `mountRoot` on the host and mounted there.
export interface ContainerPlacement {
  readonly outdir: string; // the output dir's path inside the container
  readonly mountRoot: string; // host folder that mirrors the container's root for such entries
  readonly mount: (mount: Mount) => void;
}

interface Placement {
  readonly name: string | undefined; // entryname, else the object's basename
  readonly value: CwlFileOrDirectory | string;
  readonly writable: boolean;
}

// Places the listing in the output dir and returns the inputs with the paths of the files it placed.
export async function stageInitialWorkDir(
  requirement: CwlRequirement,
  inputs: Record<string, unknown>,
  options: InitialWorkDirOptions,
): Promise<Record<string, unknown>> {
  const placements = await placementsOf(requirement['listing'], options);
  const moved = new Map<string, string>(); // source path → placed path
  for (const placement of placements) {
    const placed = await place(placement, options);
    if (placed !== undefined) moved.set(placed.source, placed.target);
  }
  if (moved.size === 0) return inputs;
  const relocate = async (entry: CwlFileOrDirectory): Promise<CwlFileOrDirectory> => {
    if (isLiteral(entry)) return entry;
    const target = moved.get(await realpath(localPath(entry, options.baseDir)).catch(() => ''));
    if (target === undefined) return entry;
    return isFile(entry) ? { ...entry, path: target, dirname: dirname(target) } : { ...entry, path: target };
  };
  return (await mapFileObjects(inputs, relocate)) as Record<string, unknown>;
}

// The entries of a listing, its expressions evaluated and arrays flattened.
async function placementsOf(listing: unknown, options: InitialWorkDirOptions): Promise<Placement[]> {
  const items = typeof listing === 'string' ? [await options.evaluate(listing)] : Array.isArray(listing) ? listing : [];
  const out: Placement[] = [];
  const add = async (item: unknown, evaluated: boolean): Promise<void> => {
    if (item === null || item === undefined) return;
    if (Array.isArray(item)) {
      for (const inner of item) await add(inner, true);
    } else if (typeof item === 'string' && !evaluated) {
      await add(await options.evaluate(item), true);
    } else if (isFile(item) || isDirectory(item)) {
      out.push({ name: undefined, value: item, writable: false });
    } else if (typeof item === 'object' && 'entry' in item) {
      out.push(...(await direntPlacements(item as Record<string, unknown>, options)));
    } else {
      throw new ToolError(
        `InitialWorkDirRequirement listing item ${JSON.stringify(item)} is not a File, Directory or Dirent`,
        {
          hint: 'listing expressions must give File or Directory objects, Dirents, lists of them, or null',
        },
      );
    }
  };
  for (const item of items) await add(item, typeof listing === 'string');
  return out;
}

// A Dirent's placement: its entry evaluated (a File, Directory, list of them, or text) under its entryname.
async function direntPlacements(dirent: Record<string, unknown>, options: InitialWorkDirOptions): Promise<Placement[]> {
  const entry = await options.evaluate(dirent['entry'], true);
  const name = dirent['entryname'] === undefined ? undefined : String(await options.evaluate(dirent['entryname']));
  const writable = dirent['writable'] === true;
  if (entry === null || entry === undefined) return [];
  if (isFile(entry) || isDirectory(entry)) return [{ name, value: entry, writable }];
  if (Array.isArray(entry) && entry.every((item) => isFile(item) || isDirectory(item))) {
    if (name !== undefined && entry.length > 0)
      return [
        { name, value: { class: 'Directory', basename: name, listing: entry as CwlFileOrDirectory[] }, writable },
      ];
    return (entry as CwlFileOrDirectory[]).map((value) => ({ name: undefined, value, writable }));
  }
  if (name === undefined)
    throw new ToolError(`Dirent ${JSON.stringify(dirent)} gives text but has no entryname`, {
      hint: 'add entryname: the file name to write the text to',
    });
  return [{ name, value: typeof entry === 'string' ? entry : pythonJsonDumps(entry), writable }];
}

// Writes or links one placement into the output dir; returns the source and target of a placed input.
async function place(
  placement: Placement,
  options: InitialWorkDirOptions,
): Promise<{ source: string; target: string } | undefined> {
  const { value } = placement;
  const name =
    placement.name ??
    (typeof value === 'string'
      ? undefined
      : (value.basename ?? (isLiteral(value) ? undefined : localPath(value, options.baseDir).split('/').pop())));
  if (name === undefined)
    throw new ToolError('an InitialWorkDirRequirement entry has no name', {
      hint: 'give it an entryname or a basename',
    });
  const { target, mountAt } = targetOf(name, options);
  await mkdir(dirname(target), { recursive: true });
  if (typeof value === 'string') {
    await writeFile(target, value);
    if (mountAt !== undefined)
      options.container?.mount({ source: target, target: mountAt, writable: placement.writable });
    return undefined;
  }
  if (isLiteral(value)) {
    await materializeLiteral({ ...value, basename: target.slice(target.lastIndexOf('/') + 1) }, dirname(target));
    if (mountAt !== undefined)
      options.container?.mount({ source: target, target: mountAt, writable: placement.writable });
    return undefined;
  }
  const source = await realpath(localPath(value, options.baseDir));
  const copied = placement.writable && !options.inplaceUpdate;
  if (copied) await cp(source, target, { recursive: true, dereference: true });
  else await symlink(source, target);
  if (mountAt !== undefined)
    options.container?.mount({ source: copied ? target : source, target: mountAt, writable: placement.writable });
  if (isFile(value)) {
    for (const secondary of value.secondaryFiles ?? [])
      await place(
        {
          name: join(dirname(name), secondary.basename ?? basenameOf(localPath(secondary, options.baseDir))),
          value: secondary,
          writable: placement.writable,
        },
        options,
      );
  }
  return { source, target };
}

// Where an entryname is placed on the host, and where it is mounted in the container when it lies outside the
// container's output dir.
function targetOf(name: string, options: InitialWorkDirOptions): { target: string; mountAt?: string } {
  const container = options.container;
  if (container !== undefined && isAbsolute(name)) {
    const inOutdir = relative(container.outdir, name);
    if (inOutdir !== '' && !inOutdir.startsWith('..')) return { target: join(options.outdir, inOutdir) };
    return { target: join(container.mountRoot, name), mountAt: name };
  }
  const target = isAbsolute(name) ? name : join(options.outdir, name);
  if (relative(options.outdir, target).startsWith('..') || isAbsolute(relative(options.outdir, target))) {
    throw new ToolError(`InitialWorkDirRequirement entryname \`${name}\` is outside the output directory`, {
      hint: 'absolute entrynames need a container (DockerRequirement); use a relative name',
    });
  }
  return { target };
}
