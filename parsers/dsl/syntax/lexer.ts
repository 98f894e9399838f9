// Splits DSL text into tokens and decides which line breaks end a statement (Groovy's newline rules).
import { Lexer } from './chevrotain.js';
import type { IToken, TokenType } from 'chevrotain';
import { ParseError } from '../../../engine/errors.js';
import * as T from './tokens.js';
import { annotationAt, returnTypeAt } from './type-annotations.js';

// Where a piece of text starts in its file (a `${...}` inside a string is lexed on its own).
export interface Origin {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export const FILE_START: Origin = { line: 1, column: 1, offset: 0 };

let lexer: Lexer | undefined;

// A lexer of the DSL's tokens; `validate` runs Chevrotain's token checks (slow: a test does it, parsing skips them).
// Tokens carry where they start only (smaller and quicker to make): `tokenEnd` works out where one ends.
export function createLexer(validate = false): Lexer {
  return new Lexer(T.allTokens, {
    positionTracking: 'onlyStart',
    ensureOptimizations: true,
    skipValidations: !validate,
  });
}

// The lexer, built once on first use.
function getLexer(): Lexer {
  lexer ??= createLexer();
  return lexer;
}

// Tokens after which a line break cannot end the statement: the expression obviously goes on (the categories
// BinaryOp and AssignOp stand for their members, listed once here so each line break costs one set lookup).
const CONTINUES_AFTER: ReadonlySet<TokenType> = new Set(
  [T.BinaryOp, T.AssignOp, T.Comma, T.Dot, T.SafeDot, T.SpreadDot, T.Question, T.Elvis, T.Arrow, T.Not].flatMap((c) => [
    c,
    ...T.allTokens.filter((t) => t.CATEGORIES?.includes(c)),
  ]),
);
// Tokens that continue the previous line's expression when a line starts with them (`Channel\n  .fromPath(x)`,
// `ch\n  | map { … }`): no statement starts with one.
const CONTINUES_BEFORE: ReadonlySet<TokenType> = new Set([
  T.Dot,
  T.SafeDot,
  T.SpreadDot,
  T.Question,
  T.Elvis,
  T.Colon,
  T.Pipe,
  T.BitAnd,
  T.Or,
  T.And,
]);

// Lexes `text` of `file`, placed at `origin`, into the tokens the parser reads.
export function tokenize(text: string, file: string, origin: Origin = FILE_START): IToken[] {
  const result = getLexer().tokenize(text);
  const tokens = result.tokens;
  if (origin !== FILE_START) for (const token of tokens) shift(token, origin);
  const firstError = result.errors[0];
  if (firstError !== undefined) {
    const at = place({ line: firstError.line ?? 1, column: firstError.column ?? 1, offset: firstError.offset }, origin);
    const char = text.slice(firstError.offset, firstError.offset + 1);
    throw new ParseError(`unexpected character \`${char}\` at ${at.line}:${at.column}`, {
      location: { file, line: at.line, column: at.column },
      hint: 'Nextflow scripts are Groovy: check for a stray character or an unclosed quote',
    });
  }
  for (const token of tokens) {
    if (token.tokenType === T.UnclosedString || token.tokenType === T.UnclosedComment) throw unclosed(token, file);
  }
  return significant(tokens);
}

// Moves a token lexed from a fragment to its place in the whole file.
function shift(token: IToken, origin: Origin): void {
  const start = place(
    { line: token.startLine ?? 1, column: token.startColumn ?? 1, offset: token.startOffset },
    origin,
  );
  token.startOffset = start.offset;
  token.startLine = start.line;
  token.startColumn = start.column;
}

// Where the last character of a token is, as Chevrotain's full position tracking gives it: a string or comment may
// span lines; a line break token ends on the line it starts.
export function tokenEnd(token: IToken): Origin {
  const image = token.image;
  const line = token.startLine ?? 1;
  const offset = token.startOffset + Math.max(image.length - 1, 0);
  const body = image.replace(/(?:\r\n?|\n)$/, '');
  const lastBreak = Math.max(body.lastIndexOf('\n'), body.lastIndexOf('\r'));
  if (lastBreak < 0) return { line, column: (token.startColumn ?? 1) + Math.max(image.length - 1, 0), offset };
  return { line: line + (body.match(/\r\n?|\n/g)?.length ?? 0), column: image.length - lastBreak - 1, offset };
}

// A fragment-relative position made absolute.
function place(at: Origin, origin: Origin): Origin {
  return {
    line: at.line + origin.line - 1,
    column: at.line === 1 ? at.column + origin.column - 1 : at.column,
    offset: at.offset + origin.offset,
  };
}

// The error for a string or comment that runs to the end of the file.
function unclosed(token: IToken, file: string): ParseError {
  const what = token.tokenType === T.UnclosedComment ? 'comment `/*`' : `string \`${token.image}\``;
  const closer = token.tokenType === T.UnclosedComment ? '*/' : token.image;
  return new ParseError(`unclosed ${what} opened at ${token.startLine}:${token.startColumn}`, {
    location: { file, line: token.startLine, column: token.startColumn },
    hint: `close it with \`${closer}\`${closer.length === 1 ? ' on the same line (use triple quotes for text over several lines)' : ''}`,
  });
}

// Adds a line break (unless one is there) at `token`, or just after it, so every statement ends with one.
function endStatement(kept: IToken[], token: IToken, after = false): void {
  const previous = kept[kept.length - 1];
  if (previous === undefined || previous.tokenType === T.Newline) return;
  const end = after ? tokenEnd(token) : undefined;
  const startOffset = end ? end.offset + 1 : token.startOffset;
  const startLine = end ? end.line : (token.startLine ?? 1);
  const startColumn = end ? end.column + 1 : (token.startColumn ?? 1);
  kept.push({
    image: '',
    startOffset,
    startLine,
    startColumn,
    tokenTypeIdx: T.Newline.tokenTypeIdx as number,
    tokenType: T.Newline,
  });
}

// Whether the kept tokens end with the `:` of a ternary (`a ? b :` then a line break), not a label's (`main:`).
function ternaryColon(kept: readonly IToken[]): boolean {
  if (kept[kept.length - 1]?.tokenType !== T.Colon) return false;
  const name = kept[kept.length - 2];
  const before = kept[kept.length - 3]?.tokenType;
  const label =
    name?.tokenType === T.Identifier && (before === undefined || before === T.Newline || before === T.LCurly);
  return !label;
}

// Keeps the line breaks that end statements: none inside `(...)` or `[...]`, none after an operator or a ternary's `:`, or before a
// line starting with `.`, `?.`, `?` or `:`, and one for a run of blank lines.
function significant(tokens: readonly IToken[]): IToken[] {
  const kept: IToken[] = [];
  const open: TokenType[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as IToken;
    const type = token.tokenType;
    if (type === T.Newline) {
      const top = open[open.length - 1];
      const previous = kept[kept.length - 1];
      let j = i + 1;
      while (tokens[j]?.tokenType === T.Newline) j++;
      const next = tokens[j];
      const inside = top === T.LParen || top === T.LBracket;
      const after =
        previous === undefined ||
        previous.tokenType === T.Newline ||
        previous.tokenType === T.LCurly || // `{` then a line break: closure parameters may follow (`{\n a, b ->`)
        CONTINUES_AFTER.has(previous.tokenType) ||
        ternaryColon(kept);
      const before = next !== undefined && CONTINUES_BEFORE.has(next.tokenType);
      if (!inside && !after && !before) kept.push(token);
      continue;
    }
    if (type === T.Colon || type === T.Arrow) {
      const found =
        type === T.Colon
          ? annotationAt(tokens, i, kept, open[open.length - 1] === T.LBracket)
          : returnTypeAt(tokens, i, kept);
      if (found !== undefined) {
        kept.push(found.token);
        i = found.last;
        continue;
      }
    }
    if (type === T.RCurly && open[open.length - 1] === T.LCurly) endStatement(kept, token);
    if (type === T.LParen || type === T.LBracket || type === T.LCurly) open.push(type);
    else if (type === T.RParen || type === T.RBracket || type === T.RCurly) open.pop();
    kept.push(token);
  }
  const last = tokens[tokens.length - 1];
  if (last !== undefined) endStatement(kept, last, true);
  return kept;
}
