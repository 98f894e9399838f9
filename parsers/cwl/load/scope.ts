// What the loader knows at a point of a document: the document, where in it, the CWL version and names in force.
import type { ParseError } from '../../../engine/errors.js';
import type { NodePath } from '../../common/structured-document.js';
import type { CwlDocument, DocumentReader } from './read-document.js';
import type { SchemaDefs } from './types.js';

export interface LoadScope {
  readonly reader: DocumentReader;
  readonly doc: CwlDocument;
  readonly path: NodePath; // of the process being loaded, within doc
  readonly cwlVersion: string;
  readonly namespaces: Readonly<Record<string, string>>;
  readonly schemas?: readonly string[] | undefined; // $schemas in force, as absolute paths
  readonly defs: SchemaDefs;
  // A ParseError pointing at `path` in the current document.
  error(path: NodePath, message: string, hint: string): ParseError;
}

// A scope for another place in the same or another document.
export function scopeAt(scope: LoadScope, changes: Partial<Omit<LoadScope, 'error'>>): LoadScope {
  const next = { ...scope, ...changes };
  return { ...next, error: (path, message, hint) => next.doc.source.error(path, message, hint) };
}
