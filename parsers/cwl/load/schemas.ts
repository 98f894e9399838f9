// `$schemas`: the format ontologies (EDAM.owl, Turtle files) a document names, against which File formats are
// checked by subclass and equivalence. https://www.commonwl.org/v1.2/CommandLineTool.html#CommandInputParameter
import type { CwlDocument } from './read-document.js';
import { resolveReference } from './read-document.js';
import { isRecord } from './shorthand.js';

// The ontology files `$schemas` of `raw` names, as absolute paths relative to the document's folder, or `inherited`
// when it names none. Remote (http, https) ontologies are skipped: pipe reads no network while loading.
export function schemasOf(
  raw: unknown,
  doc: CwlDocument,
  inherited: readonly string[] | undefined,
): readonly string[] | undefined {
  if (!isRecord(raw) || raw.$schemas === undefined) return inherited;
  const listed = Array.isArray(raw.$schemas) ? raw.$schemas : [raw.$schemas];
  const local = listed.filter((ref): ref is string => typeof ref === 'string' && !/^https?:/i.test(ref));
  return [...new Set([...(inherited ?? []), ...local.map((ref) => resolveReference(ref, doc.file))])];
}
