// Methods on strings that pipelines call: trimming, splitting, replacing, testing, converting.
import { createHash } from 'node:crypto';
import { closureArg, type MethodTable } from './method-table.js';
import { numberOf, show, truthy } from '../values/values.js';
import { scriptError } from '../eval/script-error.js';

// Java's regex-or-literal replaceAll pattern as a JS global regex.
function regexOf(pattern: unknown): RegExp {
  return new RegExp(show(pattern), 'g');
}

// Removes the common leading whitespace of every non-blank line, as Groovy's stripIndent().
export function stripIndent(text: string): string {
  const lines = text.split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
  const cut = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((line) => line.slice(Math.min(cut, /^[ \t]*/.exec(line)?.[0].length ?? 0))).join('\n');
}

export const stringMethods: MethodTable<string> = {
  trim: (_c, s) => s.trim(),
  strip: (_c, s) => s.trim(),
  stripIndent: (_c, s) => stripIndent(s),
  stripMargin: (_c, s, args) =>
    s
      .split('\n')
      .map((line) => line.replace(new RegExp(`^[ \\t]*\\${show(args[0] ?? '|')}`), ''))
      .join('\n'),
  toUpperCase: (_c, s) => s.toUpperCase(),
  reverse: (_c, s) => [...s].reverse().join(''),
  toLowerCase: (_c, s) => s.toLowerCase(),
  capitalize: (_c, s) => s.charAt(0).toUpperCase() + s.slice(1),
  size: (_c, s) => s.length,
  length: (_c, s) => s.length,
  isEmpty: (_c, s) => s.length === 0,
  toString: (_c: unknown, s: string) => s,
  startsWith: (_c, s, args) => s.startsWith(show(args[0])),
  endsWith: (_c, s, args) => s.endsWith(show(args[0])),
  contains: (_c, s, args) => s.includes(show(args[0])),
  indexOf: (_c, s, args) => s.indexOf(show(args[0])),
  lastIndexOf: (_c, s, args) => s.lastIndexOf(show(args[0])),
  split: (_c, s, args) =>
    args.length === 0
      ? s.trim().split(/\s+/)
      : s
          .split(new RegExp(show(args[0])))
          .filter((part, i, all) => part !== '' || i < all.length - 1 || all.length === 1),
  md5: (_c, s) => createHash('md5').update(s).digest('hex'),
  sha256: (_c, s) => createHash('sha256').update(s).digest('hex'),
  equalsIgnoreCase: (_c, s, args) => s.toLowerCase() === show(args[0]).toLowerCase(),
  tokenize: (_c, s, args) =>
    s
      .split(new RegExp(`[${(args.length === 0 ? ' \t\n' : show(args[0])).replace(/[\]\\^-]/g, '\\$&')}]`))
      .filter((part) => part !== ''),
  replace: (_c, s, args) => s.split(show(args[0])).join(show(args[1])),
  replaceAll: (_c, s, args) => s.replace(regexOf(args[0]), show(args[1]).replace(/\$(\d)/g, '$$$1')),
  replaceFirst: (_c, s, args) => s.replace(new RegExp(show(args[0])), show(args[1])),
  substring: (_c, s, args) =>
    s.substring(numberOf(args[0]) ?? 0, args[1] === undefined ? undefined : numberOf(args[1])),
  toInteger: (ctx, s, _a, pos) => {
    if (!/^\s*[+-]?\d+\s*$/.test(s)) throw scriptError(ctx, pos, `\`${s}\` is not an integer`);
    return Number.parseInt(s, 10);
  },
  toLong: (ctx, s, args, pos) => stringMethods.toInteger!(ctx, s, args, pos),
  toDouble: (_c, s) => Number(s),
  toFloat: (_c, s) => Number(s),
  toBigDecimal: (_c, s) => Number(s),
  isInteger: (_c, s) => /^\s*[+-]?\d+\s*$/.test(s),
  isNumber: (_c, s) => s.trim() !== '' && !Number.isNaN(Number(s)),
  toBoolean: (_c, s) => ['true', 'y', '1'].includes(s.trim().toLowerCase()),
  matches: (_c, s, args) => new RegExp(`^(?:${show(args[0])})$`).test(s),
  readLines: (_c, s) => s.split(/\r?\n/).filter((line, i, all) => line !== '' || i < all.length - 1),
  each: (ctx, s, args, pos) => {
    const fn = closureArg(ctx, args, 0, 'each', pos);
    for (const c of s) fn.call([c]);
    return s;
  },
  asBoolean: (_c, s) => truthy(s),
  padLeft: (_c, s, args) => s.padStart(numberOf(args[0]) ?? 0, show(args[1] ?? ' ')),
  padRight: (_c, s, args) => s.padEnd(numberOf(args[0]) ?? 0, show(args[1] ?? ' ')),
  multiply: (_c, s, args) => s.repeat(numberOf(args[0]) ?? 0),
};
