// Source offsets inside valid JSON text without building a syntax tree: a cheap way to give JSON values positions.
import type { NodePath } from './structured-document.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

// Offsets where each element of the array at `path` starts; undefined if the path does not lead to an array.
export function jsonElementOffsets(text: string, path: NodePath): number[] | undefined {
  let at = skipSpace(text, 0);
  for (const segment of path) {
    const found = typeof segment === 'number' ? elementStart(text, at, segment) : memberStart(text, at, segment);
    if (found === undefined) return undefined;
    at = found;
  }
  return text[at] === '[' ? elementStarts(text, at) : undefined;
}

// Offsets where the elements of the array opening at `at` start.
function elementStarts(text: string, at: number): number[] {
  const starts: number[] = [];
  at = skipSpace(text, at + 1);
  if (text[at] === ']') return starts;
  for (;;) {
    starts.push(at);
    at = skipSpace(text, skipValue(text, at));
    if (text[at] !== ',') return starts;
    at = skipSpace(text, at + 1);
  }
}

// Where element `index` of the array opening at `at` starts.
function elementStart(text: string, at: number, index: number): number | undefined {
  if (text[at] !== '[') return undefined;
  return elementStarts(text, at)[index];
}

// Where the value of member `key` of the object opening at `at` starts.
function memberStart(text: string, at: number, key: string): number | undefined {
  if (text[at] !== '{') return undefined;
  at = skipSpace(text, at + 1);
  while (text.charCodeAt(at) === QUOTE) {
    const keyEnd = skipString(text, at);
    const name: unknown = JSON.parse(text.slice(at, keyEnd));
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
    if (name === key) return valueStart;
    at = skipSpace(text, skipValue(text, valueStart));
    if (text[at] !== ',') return undefined;
    at = skipSpace(text, at + 1);
  }
  return undefined;
}

// The offset just after the value starting at `at`.
function skipValue(text: string, at: number): number {
  const first = text[at];
  if (first === '"') return skipString(text, at);
  if (first !== '{' && first !== '[') {
    while (at < text.length && !',]} \t\r\n'.includes(text[at]!)) at++;
    return at;
  }
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) i = skipString(text, i) - 1;
    else if (code === 0x7b || code === 0x5b) depth++;
    else if ((code === 0x7d || code === 0x5d) && --depth === 0) return i + 1;
  }
  return text.length;
}

// The offset just after the string whose opening quote is at `at`.
function skipString(text: string, at: number): number {
  let from = at + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

// The first offset from `at` that is not JSON whitespace.
function skipSpace(text: string, at: number): number {
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) break;
    at++;
  }
  return at;
}
