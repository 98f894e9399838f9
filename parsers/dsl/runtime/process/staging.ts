// Input staging as Nextflow names it: files keep their names, or take a declared name with `*`/`?` counters.
import { mkdirSync, symlinkSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isPath, pathValue, show, type DslPath } from '../values/values.js';

// One file to link into a task's work dir.
export interface StagedFile {
  readonly source: string; // absolute path
  readonly name: string; // relative path in the work dir
}

// Stage names for `files` under a declared name pattern (undefined: keep each file's own name).
export function stageNames(files: readonly DslPath[], pattern: string | undefined): string[] {
  if (pattern === undefined || pattern === '*') return files.map((f) => basename(f.path));
  if (!pattern.includes('*') && !pattern.includes('?')) {
    if (files.length <= 1) return [pattern];
    return files.map((f, i) => `${pattern}${i + 1}`);
  }
  const single = files.length === 1;
  return files.map((f, i) => {
    if (/^\*$|\/\*$/.test(pattern)) return pattern.replace(/\*$/, basename(f.path));
    const n = String(i + 1);
    let out = pattern.replace(/\*/, single ? '' : n);
    out = out.replace(/\?+/, (q) => (single ? '' : n.padStart(q.length, '0')));
    return out;
  });
}

// The files a `path` input value holds: one path, a string naming one, or a list of them.
export function filesOf(value: unknown): DslPath[] {
  if (Array.isArray(value)) return value.flatMap(filesOf);
  if (isPath(value)) return [value];
  if (value === null || value === undefined) return [];
  return [pathValue(show(value))];
}

// Symlinks the staged files into `workDir`.
export function linkInputs(workDir: string, files: readonly StagedFile[]): void {
  for (const file of files) {
    const target = join(workDir, file.name);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(file.source, target);
  }
}

// A fingerprint of input files (stage name, path, size, modification time) for the cache key. It is sorted by stage
// name: which file is staged where is what a task sees, not the order the files arrived in (a `collect`ed channel
// fills in completion order), and a script that uses the order spells it out in its command text.
export function fingerprint(files: readonly StagedFile[]): string {
  return [...files]
    .sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : a.source < b.source ? -1 : a.source > b.source ? 1 : 0,
    )
    .map((file) => {
      try {
        const stat = statSync(file.source);
        return `${file.name}=${file.source}:${stat.size}:${Math.trunc(stat.mtimeMs)}`;
      } catch {
        return `${file.name}=${file.source}:missing`;
      }
    })
    .join('\n');
}
