// CWL Files and Directories by remote location (scp://, sftp://, globus://): fetched into the staging cache while
// the job is read, so every later step (checks, size and checksum, staging into tools) sees a local file; and a
// remote --outdir, filled from a local one once the run has succeeded.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkflowGraph } from '../../../engine/graph.js';
import type { StagingArea } from '../../../engine/staging/staging-area.js';
import { isRemoteUri, parseUri, uriBasename } from '../../../engine/staging/uri.js';
import { mapFileObjects } from '../files/index.js';

// The job with each remote File or Directory replaced by its copy in the staging cache (same basename).
export async function fetchRemoteInputs(
  job: Record<string, unknown>,
  area: StagingArea,
): Promise<Record<string, unknown>> {
  return (await mapFileObjects(job, async (entry) => {
    const location = 'location' in entry && typeof entry.location === 'string' ? entry.location : undefined;
    if (location === undefined || !isRemoteUri(location)) return entry;
    const staged = await area.fetch(location);
    const { path: _path, ...rest } = entry as typeof entry & { path?: unknown };
    return {
      ...rest,
      location: pathToFileURL(staged.path).href,
      basename: entry.basename ?? uriBasename(parseUri(location)),
    };
  })) as Record<string, unknown>;
}

// A local folder to collect a run's outputs in before they go to the remote `outdir`.
export function localOutdir(launchDir: string): string {
  return join(launchDir, '.pipe', 'staging', 'outdir', randomBytes(6).toString('hex'));
}

// Wraps the graph's session so that, after the outputs were placed in `local`, each is put under the remote `outdir`
// and the printed output object names them there.
export function publishToRemoteOutdir(
  graph: WorkflowGraph,
  local: string,
  outdir: string,
  area: StagingArea,
): WorkflowGraph {
  const session = graph.session;
  if (session === undefined) return graph;
  const base = outdir.replace(/\/+$/, '');
  return {
    ...graph,
    session: {
      ...session,
      async complete(status, workRoot) {
        const result = await session.complete(status, workRoot);
        if (status !== 'succeeded' || result.stdout === undefined) return result;
        for (const name of readdirSync(local).sort())
          await area.put(join(local, name), `${base}/${encodeURIComponent(name)}`);
        const stdout = result.stdout
          .replaceAll(JSON.stringify(pathToFileURL(local).href).slice(1, -1), base)
          .replaceAll(JSON.stringify(local).slice(1, -1), base);
        return { ...result, stdout };
      },
    },
  };
}
