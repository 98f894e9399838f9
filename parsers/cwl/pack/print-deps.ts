// cwltool's `--print-deps`: the File object tree of what a CWL document depends on — the documents its `run:` and
// `$import` name (each with its own dependencies as secondaryFiles), the files `$include` and `$schemas` name, and
// File/Directory literals with a `location` (defaults) — as cwltool's find_deps/scandeps build it from the document
// as written, with locations relative to the primary document's folder (or the current directory).
// https://github.com/common-workflow-language/cwltool/blob/main/cwltool/process.py (scandeps)
import { readFileSync } from 'node:fs';
import { dirname, extname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ParseError } from '../../../engine/errors.js';
import { loadStructuredDocument } from '../../common/structured-document.js';
import { CWL_IANA, type FileTree, mergeDirs, normalizeFiles, pythonJson, visitFiles } from './file-tree.js';

const REF_FIELDS = new Set(['$import', 'run']);
const URL_FIELDS = new Set(['$include', '$schemas', 'location']);

// The dependency tree of the document at `file` (a path, maybe with a `#fragment`), as cwltool prints it.
export function printDeps(file: string, relativeTo: 'primary' | 'cwd', cwd: string): string {
  const hash = file.indexOf('#');
  const path = hash < 0 ? file : file.slice(0, hash);
  const uri = pathToFileURL(path).href + (hash < 0 ? '' : file.slice(hash));
  const documents = new Map<string, unknown>();
  const load = (ref: string): unknown => {
    const at = ref.split('#')[0] as string;
    if (!documents.has(at)) documents.set(at, readDocument(fileURLToPath(at)));
    return documents.get(at);
  };
  const deps: FileTree = { class: 'File', location: uri, format: CWL_IANA };
  deps.secondaryFiles = mergeDirs(scanDeps(uri, load(uri), load)); // cwltool sets it even when empty
  const base = relativeTo === 'cwd' ? cwd : dirname(path);
  visitFiles(deps, (entry) => {
    const location = String(entry.location);
    if (location.startsWith('file://'))
      entry.location = relative(base, fileURLToPath(location.split('#')[0] as string));
  });
  return pythonJson(deps);
}

// A document as written (YAML or JSON), its directives unresolved.
function readDocument(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ParseError(
      `CWL document \`${file}\` cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        location: { file },
        hint: 'references are relative to the folder of the document that names them',
      },
    );
  }
  return loadStructuredDocument(file, text, extname(file).toLowerCase() === '.json' ? 'json' : 'yaml').value;
}

// A reference resolved against a base URI, as Python's urljoin does for file URIs.
function join(base: string, ref: string): string {
  return decodeURI(new URL(ref, base).href);
}

// cwltool's scandeps: the File/Directory dependencies found in `doc`, read with `base` as its URI.
function scanDeps(base: string, doc: unknown, load: (ref: string) => unknown): FileTree[] {
  const found: FileTree[] = [];
  if (Array.isArray(doc)) {
    for (const item of doc) found.push(...scanDeps(base, item, load));
  } else if (doc !== null && typeof doc === 'object') {
    const map = doc as Record<string, unknown>;
    if (typeof map.id === 'string' && map.id.startsWith('file://')) {
      const own = map.id.split('#')[0] as string;
      if (own !== base) {
        found.push({ class: 'File', location: own, format: CWL_IANA });
        base = own;
      }
    }
    const isFile = map.class === 'File' || map.class === 'Directory';
    if (isFile) found.push(...fileLiteral(base, map, load));
    for (const [key, value] of Object.entries(map)) {
      if (REF_FIELDS.has(key)) found.push(...references(base, value, load));
      else if (URL_FIELDS.has(key) && key !== 'location') {
        for (const ref of asList(value))
          found.push(nestDir(base, { class: 'File', location: join(base, String(ref)) }));
      } else if (isFile && (key === 'listing' || key === 'secondaryFiles')) continue;
      else found.push(...scanDeps(base, value, load));
    }
  }
  if (found.length > 0) normalizeFiles(found);
  return found;
}

// A File or Directory literal: itself when it has a location, else what its listing or secondaryFiles hold.
function fileLiteral(base: string, map: Record<string, unknown>, load: (ref: string) => unknown): FileTree[] {
  const where = map.location ?? map.path;
  if (typeof where === 'string' && where !== '' && !where.startsWith('_:')) {
    const dep: FileTree = { class: String(map.class), location: join(base, where) };
    if ('basename' in map) dep.basename = map.basename;
    if (map.class === 'Directory' && 'listing' in map) dep.listing = map.listing;
    if (map.class === 'File' && 'secondaryFiles' in map) dep.secondaryFiles = scanDeps(base, map.secondaryFiles, load);
    return [nestDir(base, dep)];
  }
  if (map.class === 'Directory' && 'listing' in map) return scanDeps(base, map.listing, load);
  if (map.class === 'File' && 'secondaryFiles' in map) return scanDeps(base, map.secondaryFiles, load);
  return [];
}

// The documents `run:` or `$import` name (inline processes are scanned in place), each with its own dependencies.
function references(base: string, value: unknown, load: (ref: string) => unknown): FileTree[] {
  const found: FileTree[] = [];
  for (const ref of asList(value)) {
    if (ref !== null && typeof ref === 'object') {
      found.push(...scanDeps(base, ref, load));
      continue;
    }
    const target = join(base, String(ref));
    if (target.split('#')[0] === base.split('#')[0]) continue;
    const dep: FileTree = { class: 'File', location: target, format: CWL_IANA };
    const inner = scanDeps(target, load(target), load);
    if (inner.length > 0) dep.secondaryFiles = mergeDirs(inner);
    found.push(nestDir(base, dep));
  }
  return found;
}

// cwltool's nestdir: a dependency in a subfolder of the base document's folder, wrapped in a Directory per folder.
function nestDir(base: string, dep: FileTree): FileTree {
  const dir = `${base.split('#')[0]!.replace(/\/[^/]*$/, '')}/`;
  const location = String(dep.location);
  if (!location.startsWith(dir)) return dep;
  const parts = location.slice(dir.length).split('/');
  parts.pop();
  let out = dep;
  while (parts.length > 0) {
    const loc = dir + parts.join('/');
    const name = parts.pop() as string;
    out = { class: 'Directory', basename: name, listing: [out], location: loc };
  }
  return out;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}
