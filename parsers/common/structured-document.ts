// YAML and JSON workflow files as plain values plus a way back to the line and column of any part of them.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node, YAMLError } from 'yaml';
import { ParseError } from '../../engine/errors.js';
import type { SourceLocation } from '../../engine/errors.js';
import { jsonElementOffsets } from './json-offsets.js';
import { fastYamlValue } from './yaml-values.js';

// Keys and list indexes from the document's root to a value.
export type NodePath = readonly (string | number)[];

export interface StructuredDocument {
  readonly file: string;
  readonly value: unknown; // the document as plain data: maps are objects, lists arrays
  // Where the value at `path` (or, with part 'key', its key) starts; the nearest existing ancestor if it is absent.
  locate(path: NodePath, part?: 'key' | 'value'): SourceLocation;
  // A ParseError pointing at the value at `path`.
  error(path: NodePath, message: string, hint: string, part?: 'key' | 'value'): ParseError;
}

export type DocumentSyntax = 'yaml' | 'json';

// Hints for the YAML errors users meet most, by the yaml library's error code.
const YAML_HINTS: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: 'each key may appear only once in a map; remove or rename the repeated one',
  BAD_INDENT: 'indent the entries of one list or map by the same number of spaces',
  TAB_AS_INDENT: 'indent with spaces; YAML does not allow tabs for indentation',
  MULTIPLE_DOCS: 'keep one document per file; remove the `---` separator',
  BLOCK_AS_IMPLICIT_KEY: 'put a space after the colon, or quote the value if it contains `: `',
};
const YAML_HINT =
  'check the syntax near this position; quote values that contain `: `, ` #`, `[`, `{` or start with `*`, `&`, `!`';
const JSON_HINT = 'check for a missing comma, quote, brace or bracket near this position';

// Parses the text (JSON with JSON.parse when it can, YAML otherwise), throwing a located ParseError if it is invalid.
export function loadStructuredDocument(file: string, text: string, syntax: DocumentSyntax): StructuredDocument {
  if (syntax === 'json') {
    try {
      return jsonDocument(file, text, JSON.parse(text) as unknown);
    } catch (jsonError) {
      // Not strict JSON: YAML, a superset, may still accept it (trailing commas); if not, JSON's message is clearer.
      return yamlDocument(file, parseYaml(file, text, 'json', jsonError));
    }
  }
  const fast = fastYamlValue(text);
  if (fast !== undefined) return lazyYamlDocument(file, text, fast.value);
  return yamlDocument(file, parseYaml(file, text, 'yaml'));
}

interface ParsedYaml {
  readonly document: Document.Parsed;
  readonly lines: LineCounter;
  readonly value: unknown;
}

// Parses YAML (or JSON as YAML) keeping source ranges; the first syntax error becomes a ParseError.
function parseYaml(file: string, text: string, syntax: DocumentSyntax, jsonError?: unknown): ParsedYaml {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, merge: true, prettyErrors: true });
  const first: YAMLError | undefined = document.errors[0];
  if (first === undefined) return { document, lines, value: plainValue(file, document, lines) };
  const yamlPosition = first.linePos?.[0];
  if (jsonError instanceof SyntaxError) {
    const offset = /at position (\d+)/.exec(jsonError.message)?.[1];
    const position = offset === undefined ? undefined : lines.linePos(Number(offset));
    const message = jsonError.message.replace(/ in JSON at position \d+.*$/s, '');
    throw new ParseError(`invalid JSON: ${message}`, {
      location: { file, line: (position ?? yamlPosition)?.line, column: (position ?? yamlPosition)?.col },
      hint: JSON_HINT,
      cause: jsonError,
    });
  }
  const message = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  throw new ParseError(`invalid ${syntax === 'json' ? 'JSON' : 'YAML'}: ${message}`, {
    location: { file, line: yamlPosition?.line, column: yamlPosition?.col },
    hint: syntax === 'json' ? JSON_HINT : (YAML_HINTS[first.code] ?? YAML_HINT),
    cause: first,
  });
}

// The document as plain data. The yaml library refuses to expand more than 100 aliases (its maxAliasCount): a
// "billion laughs" document of nested aliases would take more memory than the machine has. That refusal becomes
// a ParseError at the document's first alias.
function plainValue(file: string, document: Document.Parsed, lines: LineCounter): unknown {
  try {
    return document.toJS();
  } catch (error) {
    if (!(error instanceof ReferenceError) || !/alias/i.test(error.message)) throw error;
    let offset = 0;
    visit(document, {
      Alias(_key, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const { line, col } = lines.linePos(offset);
    throw new ParseError('invalid YAML: its aliases expand to too much data (more than 100 alias expansions)', {
      location: { file, line, column: col },
      hint: 'write the data out instead of nesting aliases of aliases (a YAML "billion laughs" document)',
      cause: error,
    });
  }
}

// A document backed by the yaml library's nodes, which carry source ranges.
function yamlDocument(file: string, { document, lines, value }: ParsedYaml): StructuredDocument {
  const locate = (path: NodePath, part: 'key' | 'value' = 'value'): SourceLocation => {
    const offset = nodeOffset(document, path, part);
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  return withError({ file, value, locate });
}

// The location of the value at `path`, found when its line or column is first read: locating may parse the file
// again (lazyYamlDocument), which a run without errors need not do. If that parse fails, the file alone.
export function lazyLocation(document: StructuredDocument, path: NodePath): SourceLocation {
  let found: SourceLocation | undefined;
  const locate = (): SourceLocation => {
    if (found === undefined) {
      try {
        found = document.locate(path);
      } catch {
        found = { file: document.file };
      }
    }
    return found;
  };
  return {
    file: document.file,
    get line() {
      return locate().line;
    },
    get column() {
      return locate().column;
    },
  };
}

// A document whose value js-yaml read (yaml-values.ts): positions come from the yaml library, parsing the text
// again the first time an error must point into it.
function lazyYamlDocument(file: string, text: string, value: unknown): StructuredDocument {
  let full: StructuredDocument | undefined;
  const locate = (path: NodePath, part: 'key' | 'value' = 'value'): SourceLocation => {
    full ??= yamlDocument(file, parseYaml(file, text, 'yaml'));
    return full.locate(path, part);
  };
  return withError({ file, value, locate });
}

// A document parsed by JSON.parse: element offsets come from a light scan; anything else from a lazy YAML parse.
function jsonDocument(file: string, text: string, value: unknown): StructuredDocument {
  let lines: LineCounter | undefined;
  let full: StructuredDocument | undefined;
  const elementOffsets = new Map<string, number[] | undefined>();
  const locate = (path: NodePath, part: 'key' | 'value' = 'value'): SourceLocation => {
    const index = path[path.length - 1];
    if (typeof index === 'number' && part === 'value') {
      const parent = path.slice(0, -1);
      const key = JSON.stringify(parent);
      if (!elementOffsets.has(key)) elementOffsets.set(key, jsonElementOffsets(text, parent));
      const offset = elementOffsets.get(key)?.[index];
      if (offset !== undefined) {
        lines ??= countLines(text);
        const { line, col } = lines.linePos(offset);
        return { file, line, column: col };
      }
    }
    full ??= yamlDocument(file, parseYaml(file, text, 'json'));
    return full.locate(path, part);
  };
  return withError({ file, value, locate });
}

// Adds the error factory to a document.
function withError(document: Omit<StructuredDocument, 'error'>): StructuredDocument {
  return {
    ...document,
    error: (path, message, hint, part) => new ParseError(message, { location: document.locate(path, part), hint }),
  };
}

// The source offset of the node at `path`, or of its nearest existing ancestor.
function nodeOffset(document: Document.Parsed, path: NodePath, part: 'key' | 'value'): number {
  let node: unknown = document.contents;
  let offset = rangeStart(node) ?? 0;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(document);
    let key: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) return offset;
      key = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      return offset;
    }
    const start = part === 'key' && key !== undefined ? rangeStart(key) : (rangeStart(node) ?? rangeStart(key));
    if (start === undefined) return offset;
    offset = start;
  }
  return offset;
}

// Where a node starts in the source, if it is a node with a range.
function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}

// A line counter over the text, for turning offsets into line and column.
function countLines(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines.addNewLine(at + 1);
  return lines;
}
