// Staging a job's files into the work dir's input folder: each file (with its secondaryFiles beside it) or
// directory symlinked into its own numbered folder, literals written; the job's paths then name what was staged.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { CwlFileOrDirectory } from '../files/index.js';
import { isDirectory, isFile, isLiteral, localPath, materializeLiteral, mapFileObjects } from '../files/index.js';
import type { CwlDirectory, CwlFile } from '../model.js';

// Stages every File and Directory in `inputs` under `inputDir` and returns the inputs with their staged paths.
export async function stageInputs(
  inputs: Readonly<Record<string, unknown>>,
  inputDir: string,
  baseDir: string,
): Promise<Record<string, unknown>> {
  const staged = new Map<string, string>(); // source path + name → staged path
  let next = 0;
  // Folders and links are made synchronously: each is one small system call (see engine/workdir's freshDir).
  const folder = (): string => {
    const dir = join(inputDir, String(next++));
    mkdirSync(dir, { recursive: true });
    return dir;
  };
  const link = (source: string, dir: string, name: string): string => {
    const known = staged.get(`${source}\0${name}`);
    if (known !== undefined) return known;
    const target = join(dir, name);
    symlinkSync(source, target);
    staged.set(`${source}\0${name}`, target);
    return target;
  };
  const stageOne = async (entry: CwlFileOrDirectory, dir?: string): Promise<CwlFileOrDirectory> => {
    const into = dir ?? folder();
    if (isLiteral(entry)) return materializeLiteral(entry, into);
    const source = localPath(entry, baseDir);
    const name = entry.basename ?? source.slice(source.lastIndexOf('/') + 1);
    const path = link(source, into, name);
    if (isFile(entry)) {
      const file: CwlFile = { ...entry, path, dirname: into };
      if (entry.secondaryFiles !== undefined)
        file.secondaryFiles = await Promise.all(entry.secondaryFiles.map((secondary) => stageOne(secondary, into)));
      return file;
    }
    return relist({ ...entry, path }, source, path);
  };
  // The listing of a symlinked directory names paths inside the staged link.
  const relist = async (dir: CwlDirectory, source: string, target: string): Promise<CwlDirectory> => {
    if (dir.listing === undefined) return dir;
    const listing = await Promise.all(
      dir.listing.map(async (entry) => {
        const path = isLiteral(entry) ? undefined : localPath(entry, baseDir);
        if (path === undefined || !path.startsWith(`${source}/`)) return stageOne(entry);
        const moved = target + path.slice(source.length);
        if (isDirectory(entry)) return relist({ ...entry, path: moved }, path, moved);
        return { ...entry, path: moved, dirname: moved.slice(0, moved.lastIndexOf('/')) };
      }),
    );
    return { ...dir, listing };
  };
  return (await mapFileObjects(inputs, (entry) => stageOne(entry))) as Record<string, unknown>;
}
