// The CWL loader's entry: a file (optionally `file#id`) into the normalized process it holds, every `run:`
// reference loaded and every connection checked.
import { resolve } from 'node:path';
import type { CwlProcess } from '../model.js';
import { findProcess } from './document-process.js';
import { normalizeProcess } from './process.js';
import { createDocumentReader } from './read-document.js';
import { scopeAt, type LoadScope } from './scope.js';

// Loads the process in `target` (a path, relative to `cwd`, with an optional `#fragment`).
export async function loadCwlProcess(target: string, cwd = process.cwd()): Promise<CwlProcess> {
  const hash = target.indexOf('#');
  const file = resolve(cwd, hash >= 0 ? target.slice(0, hash) : target);
  const fragment = hash >= 0 ? target.slice(hash + 1) : undefined;
  const reader = createDocumentReader();
  const doc = await reader.read(file);
  const root: LoadScope = scopeAt(
    {
      reader,
      doc,
      path: [],
      cwlVersion: '',
      namespaces: {},
      defs: new Map(),
      error: () => new Error('unused') as never,
    },
    {},
  );
  const found = findProcess(doc, fragment, root, undefined);
  return normalizeProcess(found.raw, found.scope);
}
