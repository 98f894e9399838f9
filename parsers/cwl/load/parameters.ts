// Input and output parameters of a process into the normalized model: short ids, normalized types, `type: stdout`
// outputs turned into globs, formats expanded, File defaults resolved against the document's folder.
import { pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';
import type { CwlParameter } from '../model.js';
import type { LoadScope } from './scope.js';
import { entrySegment, isRecord, mapToList, shortName, stringList } from './shorthand.js';
import { normalizeBinding, normalizeSecondaryFiles, normalizeType, UnknownTypeError } from './types.js';

// Expands a `prefix:name` format through $namespaces; expressions and full IRIs stay as they are.
export function expandFormat(format: string, namespaces: Readonly<Record<string, string>>): string {
  if (format.includes('$(') || format.includes('${')) return format;
  const colon = format.indexOf(':');
  if (colon <= 0) return format;
  const prefix = format.slice(0, colon);
  const base = namespaces[prefix];
  return base === undefined ? format : base + format.slice(colon + 1);
}

// Resolves relative `location`/`path` of File and Directory literals (defaults, job values) against `baseFile`'s
// folder, as file:// URIs.
export function resolveFileLiterals(value: unknown, baseFile: string): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveFileLiterals(item, baseFile));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = resolveFileLiterals(item, baseFile);
  if (value.class === 'File' || value.class === 'Directory') {
    const where =
      typeof value.location === 'string' ? value.location : typeof value.path === 'string' ? value.path : undefined;
    if (where !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(where)) {
      // A `location` is a URI reference (already %-encoded); a `path` is a plain path.
      out.location =
        typeof value.location === 'string'
          ? new URL(where, pathToFileURL(baseFile)).href
          : pathToFileURL(resolve(dirname(baseFile), where)).href;
      delete out.path;
    } else if (where !== undefined && typeof value.location !== 'string') {
      out.location = where;
      delete out.path;
    }
  }
  return out;
}

// Normalizes the `inputs` or `outputs` of a process; `stdio` receives generated stdout/stderr names.
export function normalizeParameters(
  raw: unknown,
  scope: LoadScope,
  field: 'inputs' | 'outputs',
  stdio?: { stdout?: string; stderr?: string; stdin?: string },
): CwlParameter[] {
  const list = mapToList(raw, 'id', 'type');
  return list.map((item, index) => {
    const path = [...scope.path, field, entrySegment(raw, index)];
    if (typeof item.id !== 'string')
      throw scope.error(path, `a parameter of \`${field}\` has no id`, 'give every input and output an `id`');
    const id = shortName(item.id);
    let type;
    try {
      type = normalizeType(item.type ?? 'Any', scope.defs);
    } catch (error) {
      if (!(error instanceof UnknownTypeError)) throw error;
      throw scope.error(
        path,
        `${field.slice(0, -1)} \`${id}\` has ${error.message}`,
        'use a CWL type (string, int, File, ...) or a name from SchemaDefRequirement',
      );
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(item)) if (!['id', 'type'].includes(key)) out[key] = value;
    out.id = id;
    if (type === 'stdout' || type === 'stderr') {
      const name = stdio?.[type] ?? `${type}-${Math.random().toString(16).slice(2, 10)}`;
      if (stdio !== undefined) stdio[type] = name;
      out.type = 'File';
      out.outputBinding = { glob: name };
    } else if (type === 'stdin') {
      // `type: stdin` is a File input that the tool reads on standard input.
      if (stdio !== undefined) stdio.stdin = `$(inputs.${id}.path)`;
      out.type = 'File';
    } else {
      out.type = type;
    }
    if (item.inputBinding !== undefined) out.inputBinding = normalizeBinding(item.inputBinding);
    if (item.secondaryFiles !== undefined) out.secondaryFiles = normalizeSecondaryFiles(item.secondaryFiles);
    if (item.format !== undefined) {
      const formats = stringList(item.format)?.map((f) => expandFormat(f, scope.namespaces));
      out.format = Array.isArray(item.format) ? formats : formats?.[0];
    }
    if (item.outputSource !== undefined) out.outputSource = stringList(item.outputSource);
    if (item.default !== undefined) out.default = resolveFileLiterals(item.default, scope.doc.file);
    return out as unknown as CwlParameter;
  });
}
