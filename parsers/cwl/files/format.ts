// File formats: expanding `prefix:name` with the document's $namespaces and checking a file against a declaration.
// https://www.commonwl.org/v1.2/CommandLineTool.html#CommandInputParameter (format)
import type { CwlFile } from '../model.js';
import { CwlFileError } from './errors.js';

// Expands `edam:format_1930` to its IRI with the namespaces; full IRIs and unknown prefixes stay as written.
export function expandFormat(format: string, namespaces: Readonly<Record<string, string>> | undefined): string {
  const colon = format.indexOf(':');
  if (colon <= 0 || format.slice(colon + 1).startsWith('//')) return format;
  const base = namespaces?.[format.slice(0, colon)];
  return base === undefined ? format : base + format.slice(colon + 1);
}

// Whether a file's format satisfies one of the accepted ones: equal IRIs, or related through `isSubformat`
// (an ontology's subclass/equivalence relation, when one was loaded).
export function formatMatches(
  actual: string,
  accepted: readonly string[],
  isSubformat?: (actual: string, accepted: string) => boolean,
): boolean {
  return accepted.some((format) => format === actual || (isSubformat?.(actual, format) ?? false));
}

// Checks that a file declares a format the parameter accepts, naming the file and the formats otherwise.
export function checkFormat(
  file: CwlFile,
  accepted: readonly string[],
  parameter: string,
  isSubformat?: (actual: string, accepted: string) => boolean,
): void {
  const name = file.location ?? file.path ?? file.basename ?? 'a file';
  if (file.format === undefined) {
    throw new CwlFileError(
      `Input \`${parameter}\`: file \`${name}\` has no format, expected ${accepted.join(' or ')}`,
      { hint: 'add `format:` to the File in the job' },
    );
  }
  if (!formatMatches(file.format, accepted, isSubformat)) {
    throw new CwlFileError(
      `Input \`${parameter}\`: file \`${name}\` has format ${file.format}, expected ${accepted.join(' or ')}`,
      {
        hint: 'give the file one of the accepted formats, or convert it',
      },
    );
  }
}
