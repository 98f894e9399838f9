// A tool task's cache identity: the tool and the job, files by path, size and modification time, never by
// the work dir, so equal work finds its earlier result.
import { statSync } from 'node:fs';
import { canonicalJson, sha256 } from '../../../engine/cache-key.js';
import type { CwlFileOrDirectory } from '../files/index.js';
import { isDirectory, isFile } from '../files/index.js';
import type { CommandLineTool } from '../model.js';

const digests = new WeakMap<CommandLineTool, string>();

// Readable identity: `cwl <tool id> <digest of the tool> <job with file fingerprints>`.
export function toolIdentity(tool: CommandLineTool, inputs: Readonly<Record<string, unknown>>): string {
  return `cwl ${tool.id} ${toolDigest(tool)} ${canonicalJson(fingerprinted(inputs))}`;
}

// A short digest of the tool's definition (not where it was read from), computed once per tool object.
function toolDigest(tool: CommandLineTool): string {
  let digest = digests.get(tool);
  if (digest === undefined) {
    const { source: _source, ...definition } = tool;
    digest = sha256(canonicalJson(definition)).slice(0, 16);
    digests.set(tool, digest);
  }
  return digest;
}

// The value with each File and Directory reduced to what identifies its content.
function fingerprinted(value: unknown): unknown {
  if (isFile(value) || isDirectory(value)) return fingerprint(value);
  if (Array.isArray(value)) return value.map(fingerprinted);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fingerprinted(item)]));
  return value;
}

// path:size:mtime of a file or directory on disk, or the literal's contents; secondaryFiles and listings too.
function fingerprint(entry: CwlFileOrDirectory): unknown {
  const stats = entry.path === undefined ? undefined : statSync(entry.path, { throwIfNoEntry: false });
  const base = {
    class: entry.class,
    basename: entry.basename,
    path: entry.path,
    size: stats?.size,
    mtime: stats?.mtimeMs,
  };
  if (isFile(entry))
    return {
      ...base,
      contents: entry.path === undefined ? entry.contents : undefined,
      format: entry.format,
      secondaryFiles: entry.secondaryFiles?.map(fingerprint),
    };
  return { ...base, listing: entry.listing?.map(fingerprint) };
}
