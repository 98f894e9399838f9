// A YAML task's `inputs:` and `outputs:`: files by URI (scp://, sftp://, globus://, file://) or local path, staged
// into its work dir before it is submitted, and output files put back after it succeeded.
import { basename, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InputRef, OutputRef } from '../../engine/staging/task-files.js';
import { isRemoteUri } from '../../engine/staging/uri.js';
import { describeValue, isPlainMap } from '../common/describe-value.js';
import type { NodePath, StructuredDocument } from '../common/structured-document.js';

// A work-dir name: relative, without `..`.
function checkName(name: string, path: NodePath, doc: StructuredDocument, what: string): string {
  if (name === '' || isAbsolute(name) || name.split('/').includes('..'))
    throw doc.error(path, `${what} "${name}" must be a relative path inside the work dir`, 'write e.g. `reads.fq`');
  return name;
}

// A source as a URI or an absolute local path (relative ones start at the task list's folder).
function source(text: string, baseDir: string): string {
  if (isRemoteUri(text)) return text;
  if (text.startsWith('file://')) return fileURLToPath(text);
  return resolve(baseDir, text);
}

// The last path component of a URI or path, as its default work-dir name.
function nameOf(text: string): string {
  return basename(isRemoteUri(text) ? decodeURIComponent(new URL(text).pathname) : text);
}

// `inputs:` as a list of sources (each under its own name) or a map of work-dir name → source.
export function readInputs(value: unknown, path: NodePath, baseDir: string, doc: StructuredDocument): InputRef[] {
  if (value === undefined || value === null) return [];
  const hint = 'write `inputs: [scp://host/data/reads.fq]` or `inputs: {reads.fq: sftp://host/data/r1.fq}`';
  const entries: [string, unknown, NodePath][] = Array.isArray(value)
    ? value.map((item: unknown, i) => [typeof item === 'string' ? nameOf(item) : '', item, [...path, i]])
    : isPlainMap(value)
      ? Object.entries(value).map(([k, v]) => [k, v, [...path, k]])
      : [];
  if (entries.length === 0 && !Array.isArray(value))
    throw doc.error(path, `\`inputs\` must be a list or a map of files, got ${describeValue(value)}`, hint);
  return entries.map(([name, item, at]) => {
    if (typeof item !== 'string' || item === '')
      throw doc.error(at, `an input must be a URI or a path, got ${describeValue(item)}`, hint);
    return { source: source(item, baseDir), name: checkName(name, at, doc, 'input name') };
  });
}

// `outputs:` as a map of work-dir path → destination URI or path.
export function readOutputs(value: unknown, path: NodePath, baseDir: string, doc: StructuredDocument): OutputRef[] {
  if (value === undefined || value === null) return [];
  const hint = 'write `outputs: {counts.txt: scp://host/results/counts.txt}`';
  if (!isPlainMap(value))
    throw doc.error(path, `\`outputs\` must be a map of work-dir file → URI, got ${describeValue(value)}`, hint);
  return Object.entries(value).map(([name, dest]) => {
    if (typeof dest !== 'string' || dest === '')
      throw doc.error([...path, name], `an output must go to a URI or a path, got ${describeValue(dest)}`, hint);
    const uri = isRemoteUri(dest) || dest.startsWith('file://') ? dest : `file://${resolve(baseDir, dest)}`;
    return { path: checkName(name, [...path, name], doc, 'output'), uri };
  });
}
