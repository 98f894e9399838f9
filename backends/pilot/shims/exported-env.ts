// The environment a fast shim script records with the shell's `export -p`: lines `export NAME=WORD` (dash; bash
// in POSIX mode) or `declare -x NAME=WORD` (bash), WORD in the shell's own quoting: '…' (dash writes a quote as
// '"'"'), "…" with backslash escapes, and bash's $'…' with C escapes. A name exported without a value is skipped.

const C_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

// Reads bash's $'…' from `at` (just after the opening quote): C escapes, octal and hex bytes (a character outside
// ASCII comes as its UTF-8 bytes); returns the value and where the word goes on.
function ansiC(text: string, at: number): { value: string; end: number } {
  const bytes: number[] = [];
  let i = at;
  while (i < text.length && text[i] !== "'") {
    if (text[i] !== '\\') {
      bytes.push(...Buffer.from(text[i++]!, 'utf8'));
      continue;
    }
    const next = text[i + 1] ?? '';
    const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4));
    const hex = /^x([0-9a-fA-F]{1,2})/.exec(text.slice(i + 1, i + 4));
    if (C_ESCAPES[next] !== undefined) {
      bytes.push(C_ESCAPES[next].charCodeAt(0));
      i += 2;
    } else if (octal !== null) {
      bytes.push(parseInt(octal[0], 8) & 0xff);
      i += 1 + octal[0].length;
    } else if (hex !== null) {
      bytes.push(parseInt(hex[1]!, 16));
      i += 1 + hex[0].length;
    } else {
      bytes.push(...Buffer.from(`\\${next}`, 'utf8'));
      i += 2;
    }
  }
  return { value: Buffer.from(bytes).toString('utf8'), end: i + 1 };
}

// Reads one shell word starting at `at`; returns its value and where it ended (at a blank, a newline or the end).
function readWord(text: string, at: number): { value: string; end: number } {
  let value = '';
  let i = at;
  while (i < text.length && text[i] !== '\n' && text[i] !== ' ' && text[i] !== '\t') {
    const ch = text[i]!;
    if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      const stop = close < 0 ? text.length : close;
      value += text.slice(i + 1, stop);
      i = stop + 1;
    } else if (ch === '"') {
      i += 1;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && '$`"\\\n'.includes(text[i + 1] ?? '')) {
          if (text[i + 1] !== '\n') value += text[i + 1];
          i += 2;
        } else value += text[i++];
      }
      i += 1;
    } else if (ch === '$' && text[i + 1] === "'") {
      const quoted = ansiC(text, i + 2);
      value += quoted.value;
      i = quoted.end;
    } else if (ch === '\\') {
      value += text[i + 1] ?? '';
      i += 2;
    } else value += text[i++];
  }
  return { value, end: i };
}

// The variables of an `export -p` listing.
export function parseExportList(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  let at = 0;
  while (at < text.length) {
    const head = /^(?:export|declare -x) ([A-Za-z_][A-Za-z0-9_]*)(=?)/.exec(text.slice(at, at + 4096));
    if (head === null) {
      const newline = text.indexOf('\n', at);
      at = newline < 0 ? text.length : newline + 1;
      continue;
    }
    at += head[0].length;
    if (head[2] === '=') {
      const word = readWord(text, at);
      env[head[1]!] = word.value;
      at = word.end;
    }
    const newline = text.indexOf('\n', at);
    at = newline < 0 ? text.length : newline + 1;
  }
  return env;
}
