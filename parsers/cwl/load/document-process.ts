// Finds the process a reference names within a document: the document itself, or a `$graph` entry by fragment
// (`#main` when none is given). https://www.commonwl.org/v1.2/Workflow.html#Packed_documents
import type { NodePath } from '../../common/structured-document.js';
import type { CwlDocument } from './read-document.js';
import type { LoadScope } from './scope.js';
import { schemasOf } from './schemas.js';
import { scopeAt } from './scope.js';
import { fragmentOf, isRecord } from './shorthand.js';

export interface FoundProcess {
  readonly raw: unknown;
  readonly scope: LoadScope;
}

// The process `fragment` (or the document's main process) of `doc`, with a scope for loading it.
export function findProcess(
  doc: CwlDocument,
  fragment: string | undefined,
  parent: LoadScope,
  from: NodePath | undefined,
): FoundProcess {
  const root = doc.value;
  const rootVersion = isRecord(root) && typeof root.cwlVersion === 'string' ? root.cwlVersion : parent.cwlVersion;
  const namespaces =
    isRecord(root) && isRecord(root.$namespaces)
      ? { ...parent.namespaces, ...(root.$namespaces as Record<string, string>) }
      : parent.namespaces;
  const schemas = schemasOf(root, doc, parent.schemas);
  const base = scopeAt(parent, { doc, path: [], cwlVersion: rootVersion, namespaces, schemas, defs: new Map() });
  const fail = (message: string, hint: string): Error =>
    from === undefined ? base.error([], message, hint) : parent.error(from, message, hint);
  if (isRecord(root) && Array.isArray(root.$graph)) {
    const graph = root.$graph as unknown[];
    const wanted = fragment ?? 'main';
    let index = graph.findIndex(
      (item) => isRecord(item) && typeof item.id === 'string' && fragmentOf(item.id) === wanted,
    );
    if (index < 0 && fragment === undefined && graph.length === 1) index = 0;
    if (index < 0) {
      const ids = graph.map((item) => (isRecord(item) ? String(item.id) : '?')).join(', ');
      throw fail(
        `\`${doc.file}\` has no process \`#${wanted}\` in its $graph`,
        `the $graph holds ${ids}; name one as \`${doc.file}#id\``,
      );
    }
    return { raw: graph[index], scope: scopeAt(base, { path: ['$graph', index] }) };
  }
  if (fragment !== undefined && isRecord(root) && typeof root.id === 'string' && fragmentOf(root.id) !== fragment) {
    throw fail(`\`${doc.file}\` has no process \`#${fragment}\``, `its process is \`#${fragmentOf(root.id)}\``);
  }
  return { raw: root, scope: base };
}
