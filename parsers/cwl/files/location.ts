// Locations and paths of File and Directory values: file:// URIs, paths relative to a base, name parts.
// https://www.commonwl.org/v1.2/CommandLineTool.html#File
import { basename as pathBasename, dirname as pathDirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CwlFileError } from './errors.js';

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

// Whether a location names a literal (cwltool's `_:` blank nodes) rather than something on disk.
export function isLiteralLocation(location: string): boolean {
  return location.startsWith('_:');
}

// The absolute path a location (a file:// URI, or a URI reference relative to `baseDir`) names.
export function pathFromLocation(location: string, baseDir: string): string {
  const scheme = SCHEME.exec(location)?.[1];
  if (scheme === undefined || /^[A-Za-z]$/.test(scheme)) {
    const path = decodePercent(location);
    return isAbsolute(path) ? resolve(path) : resolve(baseDir, path);
  }
  if (scheme.toLowerCase() === 'file') {
    try {
      return fileURLToPath(location.startsWith('file://') ? location : `file://${location.slice(5)}`);
    } catch (error) {
      throw new CwlFileError(`Invalid file location \`${location}\``, {
        cause: error,
        hint: 'write file:///absolute/path or a path relative to the document',
      });
    }
  }
  throw new CwlFileError(`Unsupported file location \`${location}\`: only local files (file://) can be read`, {
    hint: 'download the file first and give its local path',
  });
}

// A URI reference with its %XX escapes decoded (left as written when they are malformed).
function decodePercent(reference: string): string {
  try {
    return decodeURIComponent(reference);
  } catch {
    return reference;
  }
}

// The file:// URI of an absolute path, percent-encoded as cwltool writes it.
export function locationFromPath(path: string): string {
  return pathToFileURL(path).href;
}

// The last component of a location or path, percent-decoded for URIs.
export function basenameOf(locationOrPath: string): string {
  const trimmed = locationOrPath.replace(/\/+$/, '');
  const last = pathBasename(trimmed);
  if (!SCHEME.test(locationOrPath)) return last;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

// The directory part of a path.
export function dirnameOf(path: string): string {
  return pathDirname(path);
}

// Splits a basename into nameroot and nameext as Python's os.path.splitext does: leading dots belong to the root.
export function splitBasename(basename: string): { nameroot: string; nameext: string } {
  const dot = basename.lastIndexOf('.');
  if (dot <= 0 || /^\.+$/.test(basename.slice(0, dot + 1))) return { nameroot: basename, nameext: '' };
  return { nameroot: basename.slice(0, dot), nameext: basename.slice(dot) };
}
