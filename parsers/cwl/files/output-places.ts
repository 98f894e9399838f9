// Where a process's output files may be: inside its output directory, or an input passed through (or a file
// inside an input directory), as cwltool requires ("must be within designated output directory ... or an input
// file pass through"); and every basename a plain file name, so that placing outputs in --outdir cannot leave it.
import { realpath } from 'node:fs/promises';
import { forEachFileObject } from './walk.js';
import { isLiteral, localPath } from './file-object.js';
import type { CwlFileOrDirectory } from './file-object.js';

// Whether a real path lies where outputs may be.
export type OutputPlaces = (realPath: string) => Promise<boolean>;

// The places of a process: its output dir, and every File and Directory in `sources` (its inputs, and for a tool
// the entries InitialWorkDirRequirement names), by real path, looked up on first use.
export function outputPlaces(outdir: string, sources: unknown, baseDir: string): OutputPlaces {
  let roots: Promise<string[]> | undefined;
  const lookUp = (): Promise<string[]> => {
    const paths: string[] = [];
    forEachFileObject(sources, (entry) => {
      if (entry.path !== undefined || (entry.location !== undefined && !entry.location.includes('$(')))
        paths.push(localPath(entry, baseDir));
    });
    return Promise.all([outdir, ...paths].map((path) => realpath(path).catch(() => path)));
  };
  return async (real) => (await (roots ??= lookUp())).some((root) => real === root || real.startsWith(`${root}/`));
}

// Why an output value's files may not be output (the first reason found), or undefined when they all may.
export async function misplacedOutput(
  value: unknown,
  places: OutputPlaces,
  baseDir: string,
): Promise<string | undefined> {
  const entries: CwlFileOrDirectory[] = [];
  forEachFileObject(value, (entry) => entries.push(entry));
  for (const entry of entries) {
    const name = entry.basename;
    if (
      name !== undefined &&
      (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0'))
    )
      return `output ${entry.class} basename \`${name}\` is not a plain file name (no \`/\`, not \`.\` or \`..\`)`;
    if (isLiteral(entry)) continue;
    const path = localPath(entry, baseDir);
    const real = await realpath(path).catch(() => path);
    if (!(await places(real)))
      return `output ${entry.class} path \`${path}\` must be within the designated output directory or an input file passed through`;
  }
  return undefined;
}
