// Host paths and the paths a container sees them at: the command line names files as the container sees them,
// and the paths a tool writes into cwl.output.json are read back as host paths.
import type { CwlFileOrDirectory } from '../../files/index.js';
import { isFile, mapFileObjects } from '../../files/index.js';

export interface PathMapping {
  readonly from: string; // a folder, absolute
  readonly to: string; // where it appears on the other side
}

// A path moved from the first mapping whose folder holds it (unchanged when none does).
export function mapPath(path: string, mappings: readonly PathMapping[]): string {
  for (const { from, to } of mappings) {
    if (path === from) return to;
    if (path.startsWith(`${from}/`)) return to.replace(/\/$/, '') + path.slice(from.length);
  }
  return path;
}

// The value with the path, dirname and file location of every File and Directory in it moved, with their
// secondaryFiles and listings.
export async function mapFilePaths(value: unknown, mappings: readonly PathMapping[]): Promise<unknown> {
  return mapFileObjects(value, async (entry) => mapEntry(entry, mappings));
}

// One File or Directory moved, with what it holds.
function mapEntry(entry: CwlFileOrDirectory, mappings: readonly PathMapping[]): CwlFileOrDirectory {
  const out: Record<string, unknown> = { ...entry };
  if (entry.path !== undefined) out['path'] = mapPath(entry.path, mappings);
  if (entry.location !== undefined) out['location'] = mapLocation(entry.location, mappings);
  if (isFile(entry)) {
    if (entry.dirname !== undefined) out['dirname'] = mapPath(entry.dirname, mappings);
    if (entry.secondaryFiles !== undefined)
      out['secondaryFiles'] = entry.secondaryFiles.map((secondary) => mapEntry(secondary, mappings));
  } else if (entry.listing !== undefined) {
    out['listing'] = entry.listing.map((item) => mapEntry(item, mappings));
  }
  return out as unknown as CwlFileOrDirectory;
}

// A location moved when it is an absolute path or a file:// URL.
function mapLocation(location: string, mappings: readonly PathMapping[]): string {
  if (location.startsWith('/')) return mapPath(location, mappings);
  if (!location.startsWith('file:///')) return location;
  const path = decodeURI(location.slice('file://'.length));
  const moved = mapPath(path, mappings);
  return moved === path ? location : `file://${encodeURI(moved)}`;
}
