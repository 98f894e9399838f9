// Scanners for Groovy strings whose end depends on nesting: GStrings with `${...}` and slashy strings.

// Index just past a double-quoted string (`"` or `"""`) starting at `start`, or -1 when it is not closed.
export function scanDoubleQuoted(text: string, start: number, triple: boolean): number {
  let i = start + (triple ? 3 : 1);
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"' && (!triple || text.startsWith('"""', i))) return i + (triple ? 3 : 1);
    else if (!triple && (c === '\n' || c === '\r')) return -1;
    else if (c === '$' && text[i + 1] === '{') {
      i = scanInterpolation(text, i + 2);
      if (i < 0) return -1;
    } else i++;
  }
  return -1;
}

// Index just past the `}` closing an interpolation whose body starts at `start`, or -1.
export function scanInterpolation(text: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === '"') {
      i = scanDoubleQuoted(text, i, text.startsWith('"""', i));
      if (i < 0) return -1;
      continue;
    } else if (c === "'") {
      i = scanSingleQuoted(text, i);
      if (i < 0) return -1;
      continue;
    }
    i++;
  }
  return -1;
}

// Index just past a single-quoted string (`'` or `'''`) starting at `start`, or -1.
export function scanSingleQuoted(text: string, start: number): number {
  const triple = text.startsWith("'''", start);
  let i = start + (triple ? 3 : 1);
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === "'" && (!triple || text.startsWith("'''", i))) return i + (triple ? 3 : 1);
    else if (!triple && (c === '\n' || c === '\r')) return -1;
    else i++;
  }
  return -1;
}

// Index just past a one-line slashy string `/.../` starting at `start`, or -1 (`//` and `/*` start comments).
export function scanSlashy(text: string, start: number): number {
  let i = start + 1;
  if (text[i] === '/' || text[i] === '*') return -1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '/') i += 2;
    else if (c === '/') return i + 1;
    else if (c === '\n' || c === '\r') return -1;
    else if (c === '$' && text[i + 1] === '{') {
      i = scanInterpolation(text, i + 2);
      if (i < 0) return -1;
    } else i++;
  }
  return -1;
}
