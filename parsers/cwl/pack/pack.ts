// cwltool's `--pack`: a CWL document and every process its steps run from other files, as one JSON document whose
// `$graph` holds each process once — the document itself as `#main`, each other under its file's name (`#tool.cwl`)
// or its `$graph` id — with every `run:` naming its entry, `$import`/`$include` resolved, File and Directory
// literals given absolute locations (the packed document may be saved anywhere), and `cwlVersion`, `$namespaces`
// and `$schemas` at the top. https://github.com/common-workflow-language/cwltool/blob/main/cwltool/pack.py
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ParseError } from '../../../engine/errors.js';
import { createDocumentReader, resolveReference, type DocumentReader } from '../load/read-document.js';
import { fragmentOf, isRecord } from '../load/shorthand.js';
import { pythonJson } from './file-tree.js';

interface Packing {
  readonly reader: DocumentReader;
  readonly graph: Record<string, unknown>[];
  readonly ids: Map<string, string>; // `path#fragment` of a process → its id in the graph
  readonly top: { cwlVersion?: unknown; $namespaces: Record<string, unknown>; $schemas: string[] };
}

// The packed document of `file` (a path, maybe with `#fragment`), as cwltool prints it.
export async function packDocument(file: string): Promise<string> {
  const hash = file.indexOf('#');
  const packing: Packing = {
    reader: createDocumentReader(),
    graph: [],
    ids: new Map(),
    top: { $namespaces: {}, $schemas: [] },
  };
  await addProcess(packing, hash < 0 ? file : file.slice(0, hash), hash < 0 ? undefined : file.slice(hash + 1));
  const { cwlVersion, $namespaces, $schemas } = packing.top;
  const head = {
    ...(Object.keys($namespaces).length > 0 ? { $namespaces } : {}),
    ...($schemas.length > 0 ? { $schemas } : {}),
  };
  if (packing.graph.length === 1) return pythonJson({ ...packing.graph[0], ...head, cwlVersion });
  return pythonJson({ $graph: packing.graph, ...head, cwlVersion });
}

// Adds the process `fragment` of the document at `path` (its main process when none) once; resolves to its id.
async function addProcess(packing: Packing, path: string, fragment: string | undefined): Promise<string> {
  const key = `${path}#${fragment ?? ''}`;
  const known = packing.ids.get(key);
  if (known !== undefined) return known;
  const doc = await packing.reader.read(path);
  const root = doc.value;
  let raw: unknown = root;
  if (isRecord(root) && Array.isArray(root.$graph)) {
    const graph = root.$graph as unknown[];
    const wanted = fragment ?? 'main';
    raw =
      graph.find((item) => isRecord(item) && typeof item.id === 'string' && fragmentOf(item.id) === wanted) ??
      (fragment === undefined && graph.length === 1 ? graph[0] : undefined);
    if (raw === undefined)
      throw new ParseError(`\`${path}\` has no process \`#${wanted}\` in its $graph`, {
        location: { file: path },
        hint: 'name one of its $graph ids after `#`',
      });
  }
  if (!isRecord(raw))
    throw new ParseError(`\`${path}\` is not a CWL process`, {
      location: { file: path },
      hint: 'a process is a YAML or JSON mapping with a `class`',
    });
  hoist(packing, root, path);
  if (isRecord(root) && root !== raw) hoist(packing, raw, path);
  const oldId = typeof raw.id === 'string' ? fragmentOf(raw.id) : undefined;
  const id = uniqueId(packing, packing.graph.length === 0 ? 'main' : (fragment ?? oldId ?? basename(path)));
  packing.ids.set(key, id);
  const entry = renamed(structuredClone(raw), oldId, id) as Record<string, unknown>;
  delete entry.cwlVersion;
  delete entry.$namespaces;
  delete entry.$schemas;
  const slot = packing.graph.length;
  packing.graph.push(entry);
  packing.graph[slot] = { ...((await packed(packing, entry, path)) as Record<string, unknown>), id: `#${id}` };
  return id;
}

// `cwlVersion`, `$namespaces` and `$schemas` of a document, kept once at the top (schemas by absolute URI).
function hoist(packing: Packing, value: unknown, path: string): void {
  if (!isRecord(value)) return;
  packing.top.cwlVersion ??= value.cwlVersion;
  if (isRecord(value.$namespaces)) Object.assign(packing.top.$namespaces, value.$namespaces);
  for (const schema of Array.isArray(value.$schemas) ? value.$schemas : []) {
    const uri = /^[a-z][\w+.-]*:/i.test(String(schema))
      ? String(schema)
      : pathToFileURL(resolveReference(String(schema), path)).href;
    if (!packing.top.$schemas.includes(uri)) packing.top.$schemas.push(uri);
  }
}

// An id not yet in the graph: `name`, else `name_2`, `name_3` ….
function uniqueId(packing: Packing, name: string): string {
  const taken = new Set(packing.ids.values());
  if (!taken.has(name)) return name;
  let n = 2;
  while (taken.has(`${name}_${n}`)) n++;
  return `${name}_${n}`;
}

// A process's ids and references under its new id: `#old` and `#old/x` become `#new` and `#new/x`.
function renamed(value: unknown, from: string | undefined, to: string): unknown {
  if (from === undefined || from === to) return value;
  if (typeof value === 'string') {
    if (value === `#${from}`) return `#${to}`;
    return value.startsWith(`#${from}/`) ? `#${to}/${value.slice(from.length + 2)}` : value;
  }
  if (Array.isArray(value)) return value.map((item) => renamed(item, from, to));
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renamed(v, from, to)]));
  }
  return value;
}

// A value of the document at `path` with its steps' `run:` files added to the graph and named by id, and its File
// and Directory literals at absolute locations.
async function packed(packing: Packing, value: unknown, path: string): Promise<unknown> {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) out.push(await packed(packing, item, path));
    return out;
  }
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'run' && typeof item === 'string') out[key] = `#${await runTarget(packing, item, path)}`;
    else out[key] = await packed(packing, item, path);
  }
  if (out.class === 'File' || out.class === 'Directory') {
    for (const field of ['location', 'path'] as const) {
      const where = out[field];
      if (typeof where === 'string' && !where.startsWith('_:') && !/^[a-z][\w+.-]*:/i.test(where))
        out[field] = pathToFileURL(isAbsolute(where) ? where : resolve(dirname(path), where)).href;
    }
  }
  return out;
}

// The graph id of the process a `run:` reference names, relative to the document at `path`.
async function runTarget(packing: Packing, ref: string, path: string): Promise<string> {
  const hash = ref.indexOf('#');
  const fragment = hash < 0 ? undefined : ref.slice(hash + 1);
  const file = hash === 0 ? path : resolveReference(ref, path);
  return addProcess(packing, file, fragment);
}
