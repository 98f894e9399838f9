// Whether a path stays inside a directory: the check behind every refusal to read, write or delete outside the
// places a run owns (a task's work dir, a publishDir).
import { isAbsolute, relative, resolve, sep } from 'node:path';

// Whether `path` (absolute, or relative to `dir`) lies inside `dir` or is `dir` itself, by its text alone
// (`..` segments resolved, symlinks not followed).
export function isInside(dir: string, path: string): boolean {
  const rel = relative(resolve(dir), resolve(dir, path));
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

// Whether `path` lies strictly inside `dir` (never `dir` itself).
export function isStrictlyInside(dir: string, path: string): boolean {
  return isInside(dir, path) && resolve(dir, path) !== resolve(dir);
}

// Whether a relative name has a `..` segment or is absolute: a name that may point out of the folder it is
// joined to.
export function leavesFolder(name: string): boolean {
  return isAbsolute(name) || name.split(/[\\/]/).includes('..');
}
