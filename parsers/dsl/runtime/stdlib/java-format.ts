// Java's format strings (java.util.Formatter), as `String.format(fmt, args…)` and Groovy's `sprintf` read them:
// `%[index$][flags][width][.precision]conversion` with the conversions scripts use (s S d x X o f e E g c b n %).
import { numberOf, show } from '../values/values.js';

const SPECIFIER = /%(\d+\$|<)?([-#+ 0,(]*)(\d+)?(\.\d+)?([a-zA-Z%])/g;

export class FormatError extends Error {}

// `format` with `args` filled in; a conversion Java has not, or an argument missing, is a FormatError.
export function javaFormat(format: string, args: readonly unknown[]): string {
  let next = 0;
  let last = -1;
  return format.replace(SPECIFIER, (spec, index: string | undefined, flags: string, width, precision, conv: string) => {
    if (conv === 'n') return '\n';
    if (conv === '%') return pad('%', flags, width);
    const at = index === '<' ? last : index !== undefined ? Number(index.slice(0, -1)) - 1 : next++;
    if (at < 0 || at >= args.length) throw new FormatError(`\`${spec}\` has no argument to format`);
    last = at;
    const text = convert(args[at], conv, flags, precision === undefined ? undefined : Number(precision.slice(1)));
    return pad(text, flags, width);
  });
}

// One argument by its conversion, before padding to the width.
function convert(value: unknown, conv: string, flags: string, precision: number | undefined): string {
  const upper = conv === conv.toUpperCase() && conv !== '%';
  switch (conv.toLowerCase()) {
    case 's': {
      const text = value === null || value === undefined ? 'null' : show(value);
      const cut = precision === undefined ? text : text.slice(0, precision);
      return upper ? cut.toUpperCase() : cut;
    }
    case 'b': {
      const text = String(value !== null && value !== undefined && value !== false);
      return upper ? text.toUpperCase() : text;
    }
    case 'c':
      return typeof value === 'number' ? String.fromCodePoint(value) : show(value).charAt(0);
    case 'd':
      return signed(integerOf(value, conv), flags, (n) => group(n.toString(), flags));
    case 'x':
    case 'o': {
      const text = integerOf(value, conv).toString(conv.toLowerCase() === 'x' ? 16 : 8);
      const prefixed = flags.includes('#') ? (conv.toLowerCase() === 'x' ? '0x' : '0') + text : text;
      return upper ? prefixed.toUpperCase() : prefixed;
    }
    case 'f':
    case 'e':
    case 'g': {
      const text = signed(decimalOf(value, conv), flags, (n) => decimal(n, conv.toLowerCase(), precision ?? 6, flags));
      return upper ? text.toUpperCase() : text;
    }
    default:
      throw new FormatError(`unknown format conversion \`%${conv}\``);
  }
}

// A number with its sign as the flags ask (`+`, ` `, `(`), its magnitude written by `write`.
function signed<N extends number | bigint>(n: N, flags: string, write: (magnitude: N) => string): string {
  const negative = n < 0;
  const text = write((negative ? -n : n) as N);
  if (negative) return flags.includes('(') ? `(${text})` : `-${text}`;
  return flags.includes('+') ? `+${text}` : flags.includes(' ') ? ` ${text}` : text;
}

function decimal(n: number, conv: string, precision: number, flags: string): string {
  if (conv === 'f') {
    const [whole = '0', fraction] = n.toFixed(precision).split('.');
    return fraction === undefined ? group(whole, flags) : `${group(whole, flags)}.${fraction}`;
  }
  if (conv === 'e') return n.toExponential(precision).replace(/e([+-])(\d)$/, 'e$10$2');
  // %g: Java rounds to `precision` significant digits, scientific outside 10^-4 ≤ x < 10^precision
  const digits = Math.max(precision, 1);
  const rounded = Number(n.toPrecision(digits));
  if (rounded !== 0 && (rounded < 1e-4 || rounded >= 10 ** digits))
    return rounded.toExponential(digits - 1).replace(/e([+-])(\d)$/, 'e$10$2');
  const exponent = rounded === 0 ? 0 : Math.floor(Math.log10(rounded));
  return rounded.toFixed(Math.max(digits - 1 - exponent, 0));
}

// Thousands separators for the `,` flag.
function group(digits: string, flags: string): string {
  return flags.includes(',') ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : digits;
}

function integerOf(value: unknown, conv: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  throw new FormatError(`\`%${conv}\` needs an integer, not ${describe(value)}`);
}

function decimalOf(value: unknown, conv: string): number {
  const n = numberOf(value);
  if (n === undefined) throw new FormatError(`\`%${conv}\` needs a number, not ${describe(value)}`);
  return n;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `the string '${value}'` : `\`${show(value)}\``;
}

// Pads to the width: left-justified with `-`, zeros after the sign with `0`, else spaces before.
function pad(text: string, flags: string, width: string | undefined): string {
  const size = width === undefined ? 0 : Number(width);
  if (text.length >= size) return text;
  if (flags.includes('-')) return text.padEnd(size);
  if (flags.includes('0')) {
    const sign = /^[-+ (]/.test(text) ? text.charAt(0) : '';
    return sign + text.slice(sign.length).padStart(size - sign.length, '0');
  }
  return text.padStart(size);
}
