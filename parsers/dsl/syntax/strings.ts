// Groovy string literals to AST: escapes resolved, GStrings split into text and `$x` / `${expr}` parts.
import type { IToken } from 'chevrotain';
import type { Expression, GStringLiteral, GStringPart, Position, Quote, StringLiteral } from './ast-expressions.js';
import { errorAt, posOf } from './build-context.js';
import type { BuildContext } from './build-context.js';
import { scanInterpolation } from './string-scan.js';
import * as T from './tokens.js';

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  s: ' ',
  '\\': '\\',
  "'": "'",
  '"': '"',
  $: '$',
  '/': '/',
};

// The quote a string token uses.
function quoteOf(token: IToken): Quote {
  const type = token.tokenType;
  if (type === T.TripleDoubleString) return '"""';
  if (type === T.TripleSingleString) return "'''";
  if (type === T.DoubleString) return '"';
  if (type === T.SlashyString) return '/';
  return "'";
}

// The literal a string token denotes: a plain string, or a GString when it interpolates.
export function buildString(token: IToken, ctx: BuildContext): StringLiteral | GStringLiteral {
  const quote = quoteOf(token);
  const body = token.image.slice(quote.length, token.image.length - quote.length);
  const pos = posOf(token);
  if (quote === "'" || quote === "'''") return { kind: 'string', value: unescape(body, false), quote, pos };
  const parts = splitGString(body, quote, token, ctx);
  const only = parts[0];
  if (parts.length === 0) return { kind: 'string', value: '', quote, pos };
  if (parts.length === 1 && only?.kind === 'text') return { kind: 'string', value: only.value, quote, pos };
  return { kind: 'gstring', parts, quote, pos };
}

// Resolves backslash escapes, octal `\033` included (slashy strings only know `\/`); a backslash before a line
// break joins the lines.
function unescape(text: string, slashy: boolean): string {
  if (!text.includes('\\')) return text;
  if (slashy) return text.replace(/\\\//g, '/');
  return text.replace(/\\(u[\da-fA-F]{4}|[0-3][0-7]{0,2}|[4-7][0-7]?|\r?\n|[\s\S])/g, (all, code: string) => {
    if (code.startsWith('u') && code.length === 5) return String.fromCharCode(parseInt(code.slice(1), 16));
    if (/^[0-7]/.test(code)) return String.fromCharCode(parseInt(code, 8)); // octal, as `\033` (Java's rule)
    if (code === '\n' || code === '\r\n') return '';
    return ESCAPES[code] ?? all;
  });
}

// Splits the body of a double-quoted or slashy string into text and interpolated expressions.
function splitGString(body: string, quote: Quote, token: IToken, ctx: BuildContext): GStringPart[] {
  const parts: GStringPart[] = [];
  const start = token.startOffset + quote.length;
  let text = '';
  let i = 0;
  const flush = (): void => {
    if (text !== '') parts.push({ kind: 'text', value: unescape(text, quote === '/') });
    text = '';
  };
  while (i < body.length) {
    const c = body[i];
    if (c === '\\') {
      text += body.slice(i, i + 2);
      i += 2;
    } else if (c === '$' && body[i + 1] === '{') {
      const end = scanInterpolation(body, i + 2);
      const origin = positionIn(token, quote.length + i + 2, start + i + 2);
      const inner = body.slice(i + 2, end - 1);
      if (inner.trim() === '')
        throw errorAt(
          ctx,
          positionIn(token, quote.length + i, start + i),
          'empty interpolation `${}` in a string',
          'put an expression inside, e.g. `${params.outdir}`, or escape the dollar as `\\$`',
        );
      flush();
      parts.push({ kind: 'interpolation', expression: ctx.parseFragment(inner, origin) });
      i = end;
    } else if (c === '$' && /[A-Za-z_]/.test(body[i + 1] ?? '')) {
      flush();
      const path = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/.exec(body.slice(i + 1))?.[0] ?? '';
      parts.push({
        kind: 'interpolation',
        expression: dottedPath(path, positionIn(token, quote.length + i + 1, start + i + 1)),
      });
      i += 1 + path.length;
    } else {
      const next = nextSpecial(body, i + 1);
      text += body.slice(i, next);
      i = next;
    }
  }
  flush();
  return parts;
}

// The index of the next backslash or dollar in `body` from `from` (or its length): text up to there is plain.
function nextSpecial(body: string, from: number): number {
  let i = from;
  while (i < body.length && body[i] !== '\\' && body[i] !== '$') i++;
  return i;
}

// `a.b.c` of `"$a.b.c"` as an identifier with property accesses (each node at the start of the path).
function dottedPath(path: string, pos: Position): Expression {
  const [first = '', ...rest] = path.split('.');
  let expression: Expression = { kind: 'identifier', name: first, pos };
  for (const name of rest) expression = { kind: 'property', object: expression, name, navigation: '.', pos };
  return expression;
}

// The position of the character at `index` in a token's image (`offset` is its file offset).
function positionIn(token: IToken, index: number, offset: number): Position {
  const before = token.image.slice(0, index);
  const lastBreak = before.lastIndexOf('\n');
  let breaks = 0;
  for (let at = before.indexOf('\n'); at >= 0; at = before.indexOf('\n', at + 1)) breaks++;
  const line = (token.startLine ?? 1) + breaks;
  const column = lastBreak < 0 ? (token.startColumn ?? 1) + index : index - lastBreak;
  return { line, column, offset };
}
