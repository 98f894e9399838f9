// JSON text exactly as cwltool writes values into interpolated strings: Python's json.dumps(value, sort_keys=True).
// That is ", " and ": " separators, keys sorted by code point, non-ASCII escaped as \uXXXX, and Python's float repr.

// Characters json.dumps escapes by name.
const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

// Serialises a JSON-like value the way Python's json.dumps(value, sort_keys=True) does.
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => compareCodePoints(a, b));
    return `{${entries.map(([key, item]) => `${pythonString(key)}: ${pythonJsonDumps(item)}`).join(', ')}}`;
  }
  return pythonString(String(value));
}

// A whole number written out in digits, never in exponent form: the digits of its shortest form padded with zeros
// (4.2e+42 → 42 and 41 zeros), which is the integer a YAML or JSON document wrote (YAML reads
// 4200000000000000000000000000000000000000000 as 4.2e+42).
export function integerDigits(value: number): string {
  if (Math.abs(value) < 1e21) return String(Math.abs(value) === 0 ? 0 : value);
  const [mantissa = '', exponent = '0'] = value.toExponential().split('e');
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  return `${value < 0 ? '-' : ''}${digits.padEnd(Number(exponent) + 1, '0')}`;
}

// A number as Python prints the value it reads back from the JSON that JavaScript wrote.
// JavaScript writes whole numbers below 1e21 without a point, which Python reads as int and prints unchanged;
// every other number is a Python float, printed by repr (exponent form below 1e-4 and from 1e16 up).
export function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(Math.abs(value) === 0 ? 0 : value);
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) {
    const positional = String(value);
    return positional.includes('.') ? positional : `${positional}.0`;
  }
  const sign = exponent < 0 ? '-' : '+';
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

// A string literal with json.dumps's default ensure_ascii escaping: only space to `~` stay as they are.
function pythonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    const code = text.charCodeAt(i);
    const named = NAMED_ESCAPES[ch];
    if (named !== undefined) out += named;
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

// Orders keys as Python sorts str: by Unicode code point (JavaScript's default sort uses UTF-16 units).
function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}
