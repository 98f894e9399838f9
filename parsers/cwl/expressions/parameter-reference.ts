// CWL parameter references: `$(inputs.x)`, `$(self[0]['a b'])`, `$(runtime.outdir)`, resolved without JavaScript.
// https://www.commonwl.org/v1.2/CommandLineTool.html#Parameter_references
import { describeValue, isPlainMap } from '../../common/describe-value.js';

// The names a reference may start with; `null` alone stands for null.
export const PARAMETER_CONTEXT_KEYS = ['inputs', 'self', 'runtime'] as const;

// What expressions see: the process's inputs, the field's `self`, and the runtime object.
export interface ParameterContext {
  readonly inputs: unknown;
  readonly self: unknown;
  readonly runtime: unknown;
}

// One step of a reference: a field name (from `.a`, `['a']` or `["a"]`) or a list index (from `[0]`).
export type ReferenceSegment =
  { readonly kind: 'field'; readonly name: string } | { readonly kind: 'index'; readonly index: number };

export interface ParameterReference {
  readonly symbol: string;
  readonly segments: readonly ReferenceSegment[];
}

// The spec's grammar: symbol = {Unicode alphanumeric}+, then `.symbol`, `['…']`, `["…"]` or `[digits]` segments.
const SYMBOL = String.raw`[\p{L}\p{N}_]+`;
const SEGMENT = String.raw`\.(${SYMBOL})|\['((?:[^']|\\')+)'\]|\["((?:[^"]|\\")+)"\]|\[([0-9]+)\]`;
const REFERENCE_RE = new RegExp(String.raw`^\((${SYMBOL})((?:${SEGMENT})*)\)$`, 'u');
const SEGMENT_RE = new RegExp(SEGMENT, 'gu');

// Parses the `(...)` part of `$(...)` as a parameter reference; undefined when it is not one (it may be JavaScript).
export function parseParameterReference(fragment: string): ParameterReference | undefined {
  const match = REFERENCE_RE.exec(fragment);
  if (match === null) return undefined;
  const segments: ReferenceSegment[] = [];
  for (const part of (match[2] ?? '').matchAll(SEGMENT_RE)) {
    const [, dotted, single, double, index] = part;
    if (index !== undefined) segments.push({ kind: 'index', index: Number(index) });
    else if (dotted !== undefined) segments.push({ kind: 'field', name: dotted });
    else segments.push({ kind: 'field', name: (single ?? double ?? '').replace(/\\(['"])/g, '$1') });
  }
  return { symbol: match[1] ?? '', segments };
}

// A reference that names something absent; `path` is the part of the reference that did resolve.
export class ReferenceLookupError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
  }
}

// Resolves a parsed reference against the context, following the spec's algorithm step by step.
export function resolveParameterReference(reference: ParameterReference, context: ParameterContext): unknown {
  const { symbol, segments } = reference;
  if (symbol === 'null') {
    if (segments.length > 0) throw new ReferenceLookupError('`null` cannot be followed by fields or indexes', 'null');
    return null;
  }
  if (!isContextKey(symbol)) {
    throw new ReferenceLookupError(
      `\`${symbol}\` is not defined; references start with inputs, self or runtime`,
      symbol,
    );
  }
  let value: unknown = context[symbol];
  let path: string = symbol;
  segments.forEach((segment, position) => {
    const last = position === segments.length - 1;
    value = step(value, segment, path, last);
    path += formatSegment(segment);
  });
  return value;
}

// One lookup: a field of a map, an index of a list or string, or `length` of a list at the end of the reference.
function step(value: unknown, segment: ReferenceSegment, path: string, last: boolean): unknown {
  if (segment.kind === 'index') {
    if (!Array.isArray(value) && typeof value !== 'string') {
      throw new ReferenceLookupError(
        `${path} is ${describeValue(value)}, not a list, so it has no index ${segment.index}`,
        path,
      );
    }
    if (segment.index >= value.length) {
      throw new ReferenceLookupError(
        `${path} has ${value.length} items, so index ${segment.index} is out of range`,
        path,
      );
    }
    return value[segment.index];
  }
  if (Array.isArray(value) && segment.name === 'length' && last) return value.length;
  if (!isPlainMap(value)) {
    throw new ReferenceLookupError(
      `${path} is ${describeValue(value)}, not a map, so it has no field "${segment.name}"`,
      path,
    );
  }
  if (!Object.hasOwn(value, segment.name)) {
    throw new ReferenceLookupError(`${path} has no field "${segment.name}"`, path);
  }
  return value[segment.name];
}

// Whether a symbol is one of the parameter context's names.
function isContextKey(symbol: string): symbol is keyof ParameterContext {
  return (PARAMETER_CONTEXT_KEYS as readonly string[]).includes(symbol);
}

// A segment as it would be written in a reference, for messages.
function formatSegment(segment: ReferenceSegment): string {
  if (segment.kind === 'index') return `[${segment.index}]`;
  return /^[\p{L}\p{N}_]+$/u.test(segment.name) ? `.${segment.name}` : `[${JSON.stringify(segment.name)}]`;
}
