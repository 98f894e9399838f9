// Input staging as Nextflow names it: files keep their names, or take a declared name with `*`/`?` counters.
import { basename } from 'node:path';
import type { StagingArea } from '../../../../engine/staging/staging-area.js';
import {
  localFingerprint,
  placeInputs,
  resolveInputs,
  type ResolvedInput,
} from '../../../../engine/staging/task-files.js';
import { isRemoteUri } from '../../../../engine/staging/uri.js';
import { sha256 } from '../../../../engine/cache-key.js';
import { stagingArea } from '../../../common/staging.js';
import { LinkMode } from '../../../../engine/staging/file-stager.js';
import type { DslRuntime } from '../eval/context.js';
import { isPath, pathValue, show, type DslPath } from '../values/values.js';

// One file to link into a task's work dir.
export interface StagedFile {
  readonly source: string; // absolute path
  readonly name: string; // relative path in the work dir
  readonly key?: string | undefined; // what identifies it for the cache instead of its size and time (a value's text)
}

// The stage names more than one input file of a task takes, as Nextflow checks them before a task runs.
export function nameCollisions(files: readonly StagedFile[]): string[] {
  const counts = new Map<string, number>();
  for (const file of files) counts.set(file.name, (counts.get(file.name) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([name]) => name);
}

// Stage names for `files` under a declared name pattern (undefined: keep each file's own name), as Nextflow expands
// them: in the last component `*` is the file's index (nothing for a single file; alone, the file's name) and a run
// of `?` the index padded to its length; in the folders above it both are the index (`?/*`: 1/a.txt, 2/b.txt).
export function stageNames(files: readonly DslPath[], pattern: string | undefined): string[] {
  if (pattern === undefined || pattern === '*') return files.map((f) => basename(f.path));
  const wild = pattern.includes('*') || pattern.includes('?');
  if (!wild && files.length <= 1) return [pattern];
  const full = wild ? pattern : `${pattern}*`;
  const slash = full.lastIndexOf('/');
  const parent = slash === -1 ? undefined : full.slice(0, slash);
  const last = full.slice(slash + 1);
  const index = (text: string, n: number, strip: boolean): string =>
    text.replace(/\*/g, strip ? '' : String(n)).replace(/\?+/g, (q) => String(n).padStart(q.length, '0'));
  return files.map((f, i) => {
    const name = last === '*' || last === '' ? basename(f.path) : index(last, i + 1, files.length <= 1);
    return parent === undefined ? name : `${index(parent, i + 1, false)}/${name}`;
  });
}

// The files a `path` input value holds: one path, a string naming one, or a list of them.
export function filesOf(value: unknown): DslPath[] {
  if (Array.isArray(value)) return value.flatMap(filesOf);
  if (isPath(value)) return [value];
  if (value === null || value === undefined) return [];
  return [pathValue(show(value))];
}

// The staging area of the run the runtime belongs to.
export function runtimeStaging(runtime: DslRuntime): StagingArea {
  return runtime.staging?.() ?? stagingArea({ launchDir: runtime.launchDir });
}

// The remote URIs among input values (paths, and lists and tuples of them).
function remoteUris(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) remoteUris(item, out);
  else if (isPath(value) && isRemoteUri(value.path)) out.push(value.path);
  return out;
}

// Looks up the remote files among an input set (their size and mtime), so that fingerprint() knows them.
export async function describeRemote(area: StagingArea, set: readonly unknown[]): Promise<void> {
  await Promise.all(remoteUris(set).map((uri) => area.fingerprint(uri)));
}

// Links the staged files into `workDir`, fetching remote ones into the staging cache first.
// Returns them with their local paths.
export async function linkInputs(
  area: StagingArea,
  workDir: string,
  files: readonly StagedFile[],
  taskId: string,
  mode: string = 'symlink',
): Promise<readonly ResolvedInput[]> {
  const resolved = await resolveInputs(area, files, taskId);
  await placeInputs(
    workDir,
    resolved,
    mode === 'copy' ? LinkMode.Copy : mode === 'link' ? LinkMode.HardLink : LinkMode.Symlink,
  );
  return resolved;
}

// A fingerprint of input files (stage name, path, size, modification time) for the cache key. It is sorted by stage
// name: which file is staged where is what a task sees, not the order the files arrived in (a `collect`ed channel
// fills in completion order), and a script that uses the order spells it out in its command text. Remote files are
// known by their URI and remote size and mtime (describeRemote looks them up first).
export function fingerprint(area: StagingArea, files: readonly StagedFile[]): string {
  return [...files]
    .sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : a.source < b.source ? -1 : a.source > b.source ? 1 : 0,
    )
    .map((file) => {
      if (file.key !== undefined) return `${file.name}=text:${sha256(file.key)}`;
      if (isRemoteUri(file.source)) return `${file.name}=${area.knownFingerprint(file.source) ?? file.source}`;
      return `${file.name}=${localFingerprint(file.source)}`;
    })
    .join('\n');
}
