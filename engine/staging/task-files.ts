// What every format does with a task's files: resolve its inputs (remote ones fetched into the staging cache before
// the task is submitted), place them in its work dir, and put its outputs back where they were asked to go.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LinkMode, placePath } from './file-stager.js';
import type { StagingArea } from './staging-area.js';
import { isRemoteUri } from './uri.js';

// One input: a URI or an absolute local path, and the name it takes in the work dir.
export interface InputRef {
  readonly source: string;
  readonly name: string;
}

// An input ready to place: the local file (the staging cache's copy for a remote one) and its fingerprint.
export interface ResolvedInput {
  readonly path: string;
  readonly name: string;
  readonly fingerprint: string;
}

// The fingerprint of a local path: path, size and modification time (missing when it is not there).
export function localFingerprint(path: string): string {
  try {
    const st = statSync(path);
    return `${path}:${st.size}:${Math.trunc(st.mtimeMs)}`;
  } catch {
    return `${path}:missing`;
  }
}

// The fingerprints of inputs without fetching them: remote ones from their remote size and mtime.
export async function fingerprintInputs(area: StagingArea, refs: readonly InputRef[]): Promise<string> {
  const lines = await Promise.all(
    refs.map(
      async (ref) =>
        `${ref.name}=${isRemoteUri(ref.source) ? await area.fingerprint(ref.source) : localFingerprint(ref.source)}`,
    ),
  );
  return lines.sort().join('\n');
}

// Resolves inputs, fetching the remote ones (in parallel, through the area's bounded transfers).
export async function resolveInputs(
  area: StagingArea,
  refs: readonly InputRef[],
  taskId?: string,
): Promise<ResolvedInput[]> {
  return Promise.all(
    refs.map(async (ref) => {
      if (!isRemoteUri(ref.source))
        return { path: ref.source, name: ref.name, fingerprint: localFingerprint(ref.source) };
      const staged = await area.fetch(ref.source, taskId);
      return { path: staged.path, name: ref.name, fingerprint: staged.fingerprint };
    }),
  );
}

// Places resolved inputs into `workDir` (symlinks by default: the staging cache and local files stay where they are).
export async function placeInputs(
  workDir: string,
  inputs: readonly ResolvedInput[],
  mode: LinkMode = LinkMode.Symlink,
): Promise<void> {
  for (const input of inputs) await placePath(input.path, join(workDir, input.name), mode);
}

// One output: a path relative to the work dir and the URI to put it at.
export interface OutputRef {
  readonly path: string;
  readonly uri: string;
}

// Puts outputs back; on a reused work dir (resume) an output the remote side already holds at its size is skipped.
// Resolves to the first problem, or undefined when all went.
export async function publishOutputs(
  area: StagingArea,
  workDir: string,
  outputs: readonly OutputRef[],
  taskId: string,
  reused: boolean,
): Promise<string | undefined> {
  for (const output of outputs) {
    const local = join(workDir, output.path);
    if (!existsSync(local)) return `missing output file "${output.path}" (to go to ${output.uri})`;
    if (reused && (await area.holds(local, output.uri))) continue;
    try {
      await area.put(local, output.uri, taskId);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
  return undefined;
}
