// The File/Directory objects cwltool's --print-deps prints, and the helpers it builds them with: basename, nameroot
// and nameext added as cwltool's normalizeFilesDirs does, entries of one folder merged as its mergedirs does, and
// JSON laid out as Python's json.dumps(indent=4) writes it.
import { ParseError } from '../../../engine/errors.js';

export const CWL_IANA = 'https://www.iana.org/assignments/media-types/application/cwl';

export type FileTree = Record<string, unknown>;

// Calls `visit` on every File and Directory object inside `value`, outermost first.
export function visitFiles(value: unknown, visit: (entry: FileTree) => void): void {
  if (Array.isArray(value)) for (const item of value) visitFiles(item, visit);
  else if (value !== null && typeof value === 'object') {
    const map = value as FileTree;
    if (map.class === 'File' || map.class === 'Directory') visit(map);
    for (const item of Object.values(map)) visitFiles(item, visit);
  }
}

// Python's os.path.splitext: the last extension, never a leading dot.
function splitExt(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || /^\.+$/.test(name.slice(0, dot + 1))) return [name, ''];
  return [name.slice(0, dot), name.slice(dot)];
}

// Adds each object's basename (the last part of its location), and a File's nameroot and nameext.
export function normalizeFiles(value: unknown): void {
  visitFiles(value, (entry) => {
    const path = String(entry.location ?? '')
      .split('#')[0]!
      .replace(/\/+$/, '');
    if (typeof entry.basename !== 'string' || entry.basename === '') {
      entry.basename = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
    }
    if (entry.class === 'File') {
      const [root, ext] = splitExt(String(entry.basename));
      if (entry.nameroot !== root) entry.nameroot = root;
      if (entry.nameext !== ext) entry.nameext = ext;
    }
  });
}

// One entry per basename; Directories of one name have their listings merged; two files of one name are an error.
export function mergeDirs(listing: readonly FileTree[]): FileTree[] {
  const entries = new Map<string, FileTree>();
  for (const entry of listing) {
    const name = String(entry.basename);
    const held = entries.get(name);
    if (held === undefined) entries.set(name, entry);
    else if (entry.location !== held.location) {
      throw new ParseError(
        `conflicting basename in the dependencies: '${name}' is both '${String(entry.location)}' and '${String(held.location)}'`,
      );
    } else if (entry.class === 'Directory' && Array.isArray(entry.listing) && entry.listing.length > 0) {
      held.listing = [...((held.listing as FileTree[] | undefined) ?? []), ...(entry.listing as FileTree[])];
    }
  }
  for (const entry of entries.values()) {
    if (entry.class === 'Directory' && Array.isArray(entry.listing))
      entry.listing = mergeDirs(entry.listing as FileTree[]);
  }
  return [...entries.values()];
}

// JSON as Python's json.dumps(value, indent=4) writes it: non-ASCII characters escaped.
export function pythonJson(value: unknown): string {
  return JSON.stringify(value, null, 4).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
