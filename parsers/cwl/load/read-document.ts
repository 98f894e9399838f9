// Reads CWL documents (YAML or JSON) once each, resolving `$import` and `$include` directives, and keeps their
// source positions for errors. https://www.commonwl.org/v1.2/SchemaSalad.html#Import
import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ParseError } from '../../../engine/errors.js';
import { loadStructuredDocument, type NodePath, type StructuredDocument } from '../../common/structured-document.js';

export interface CwlDocument {
  readonly file: string; // absolute path
  readonly uri: string; // file:// URI of the document
  readonly value: unknown; // with `$import`/`$include` resolved
  readonly source: StructuredDocument;
}

export interface DocumentReader {
  // The document at `file` (an absolute path), read and parsed on first use.
  read(file: string, from?: { doc: CwlDocument; path: NodePath }): Promise<CwlDocument>;
}

// Turns a reference written in a document into an absolute path, relative to the document's folder.
export function resolveReference(ref: string, baseFile: string): string {
  if (ref.startsWith('file://')) return fileURLToPath(ref.split('#')[0] as string);
  return resolve(dirname(baseFile), decodeURIComponent(ref.split('#')[0] as string));
}

// The file:// URI of an absolute path.
export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

// Reads text, turning a missing file into a ParseError at the place that named it.
async function readText(file: string, from: { doc: CwlDocument; path: NodePath } | undefined): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a directory'
          : `cannot be read (${code ?? 'error'})`;
    throw new ParseError(`CWL document \`${file}\` ${what}`, {
      location: from === undefined ? { file } : from.doc.source.locate(from.path),
      hint: 'check the path; references are relative to the folder of the document that names them',
      cause: error,
    });
  }
}

// Creates a reader with a cache, so that a document referenced from several steps is parsed once.
export function createDocumentReader(): DocumentReader {
  const cache = new Map<string, Promise<CwlDocument>>();
  const read = (file: string, from?: { doc: CwlDocument; path: NodePath }): Promise<CwlDocument> => {
    let entry = cache.get(file);
    if (entry === undefined) {
      entry = (async () => {
        const text = await readText(file, from);
        const syntax = extname(file).toLowerCase() === '.json' ? 'json' : 'yaml';
        const source = loadStructuredDocument(file, text, syntax);
        const partial: CwlDocument = { file, uri: fileUri(file), value: source.value, source };
        const value = await resolveDirectives(source.value, partial, [], read);
        return { ...partial, value };
      })();
      cache.set(file, entry);
    }
    return entry;
  };
  return { read };
}

// Replaces `{$import: ref}` by the referenced document and `{$include: ref}` by its text, recursively.
async function resolveDirectives(
  value: unknown,
  doc: CwlDocument,
  path: NodePath,
  read: DocumentReader['read'],
): Promise<unknown> {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i += 1) out.push(await resolveDirectives(value[i], doc, [...path, i], read));
    return out;
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record.$import === 'string') {
    const target = await read(resolveReference(record.$import, doc.file), { doc, path });
    return target.value;
  }
  if (typeof record.$include === 'string') {
    return readText(resolveReference(record.$include, doc.file), { doc, path });
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) out[key] = await resolveDirectives(item, doc, [...path, key], read);
  return out;
}
