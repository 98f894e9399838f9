// Type annotations of the strict syntax (`input: Path?`, `counts: Value<Integer> = x`, `def f(n: Integer) -> Boolean`,
// `params { method: String = 'auto' }`): found in the token stream and folded into one TypeAnnotation token, whose
// image is the type's text (`List<String>`, `Path?`), so the grammar reads `name TYPE` and `) TYPE {` without
// confusing them with labels, ternaries or comparisons.
import { tokenMatcher } from './chevrotain.js';
import type { IToken, TokenType } from 'chevrotain';
import * as T from './tokens.js';

// What may come before the annotated name: a statement start, a `def`, or an argument or parameter list.
const NAME_AFTER: ReadonlySet<TokenType> = new Set([T.Newline, T.Semicolon, T.LCurly, T.LParen, T.Comma, T.Def]);
// What may follow a type.
const TYPE_BEFORE: ReadonlySet<TokenType> = new Set([
  T.Newline,
  T.Semicolon,
  T.Comma,
  T.RParen,
  T.RCurly,
  T.Assign,
  T.Arrow,
]);

// The TypeAnnotation token for `: Type` at tokens[i] (a colon), and the index of the type's last token; undefined
// when the colon does not annotate a name (a label, a map entry, a ternary, a named argument with a value).
export function annotationAt(
  tokens: readonly IToken[],
  i: number,
  kept: readonly IToken[],
  inBrackets: boolean,
): { token: IToken; last: number } | undefined {
  if (inBrackets) return undefined;
  const name = kept[kept.length - 1];
  if (name === undefined || !tokenMatcher(name, T.AnyName)) return undefined;
  const before = kept[kept.length - 2];
  if (before !== undefined && !NAME_AFTER.has(before.tokenType)) return undefined;
  return typeFrom(tokens, i, TYPE_BEFORE);
}

// The TypeAnnotation token for a function's return type `) -> Type {` at tokens[i] (the arrow).
export function returnTypeAt(
  tokens: readonly IToken[],
  i: number,
  kept: readonly IToken[],
): { token: IToken; last: number } | undefined {
  if (kept[kept.length - 1]?.tokenType !== T.RParen) return undefined;
  return typeFrom(tokens, i, new Set([T.LCurly]));
}

// A type starting after tokens[start], followed by one of `follow`.
function typeFrom(
  tokens: readonly IToken[],
  start: number,
  follow: ReadonlySet<TokenType>,
): { token: IToken; last: number } | undefined {
  const scan = scanType(tokens, start + 1, 0);
  if (scan === undefined || scan.pending !== 0) return undefined;
  const next = tokens[scan.end];
  if (next !== undefined && !follow.has(next.tokenType)) return undefined;
  const first = tokens[start + 1] as IToken;
  const image = tokens
    .slice(start + 1, scan.end)
    .map((t) => t.image)
    .join('')
    .replace(/,/g, ', ');
  const token: IToken = {
    image,
    startOffset: first.startOffset,
    startLine: first.startLine,
    startColumn: first.startColumn,
    tokenTypeIdx: T.TypeAnnotation.tokenTypeIdx as number,
    tokenType: T.TypeAnnotation,
  };
  return { token, last: scan.end - 1 };
}

// Scans `Name(.Name)*(<Type, …>)?(?)?` from tokens[at]; `pending` counts the `>` a `>>` closed beyond this type.
function scanType(tokens: readonly IToken[], at: number, depth: number): { end: number; pending: number } | undefined {
  let i = at;
  const first = tokens[i];
  if (first?.tokenType !== T.Identifier || !/^[A-Z]/.test(first.image)) return undefined;
  i++;
  while (tokens[i]?.tokenType === T.Dot && tokens[i + 1]?.tokenType === T.Identifier) i += 2;
  let pending = 0;
  if (tokens[i]?.tokenType === T.Less) {
    i++;
    for (;;) {
      const inner = scanType(tokens, i, depth + 1);
      if (inner === undefined) return undefined;
      i = inner.end;
      if (inner.pending > 0) {
        pending = inner.pending - 1;
        break;
      }
      const sep = tokens[i]?.tokenType;
      if (sep === T.Comma) i++;
      else if (sep === T.Greater) {
        i++;
        break;
      } else if (sep === T.ShiftRight && depth > 0) {
        i++;
        pending = 1;
        break;
      } else return undefined;
    }
  }
  if (pending === 0 && tokens[i]?.tokenType === T.Question) i++;
  return { end: i, pending };
}
