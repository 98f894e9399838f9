// The DSL's tokens (Groovy's lexical structure, as far as Nextflow scripts and configs use it): comments, strings
// and every token in matching order; categories, numbers, names, reserved words and operators are in tokens-words.ts.
import { createToken, Lexer } from './chevrotain.js';
import type { IToken, TokenType } from 'chevrotain';
import { scanDoubleQuoted, scanSingleQuoted, scanSlashy } from './string-scan.js';
import * as W from './tokens-words.js';

export * from './tokens-words.js';

// Adapts a scanner returning an end index to Chevrotain's custom pattern interface.
function custom(scan: (text: string, offset: number, tokens: IToken[]) => number): {
  exec: (text: string, offset: number, tokens: IToken[]) => [string] | null;
} {
  return {
    exec: (text, offset, tokens) => {
      const end = scan(text, offset, tokens);
      return end < 0 ? null : [text.slice(offset, end)];
    },
  };
}

export const Shebang = createToken({
  name: 'Shebang',
  pattern: custom((text, offset) => (offset === 0 && text.startsWith('#!') ? endOfLine(text, 0) : -1)),
  group: Lexer.SKIPPED,
  start_chars_hint: ['#'],
  line_breaks: false,
});
// Spaces, and a backslash that joins two lines: apart, so that the lexer looks for line breaks only in the latter.
export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\f]+/,
  group: Lexer.SKIPPED,
  start_chars_hint: [' ', '\t', '\f'],
  line_breaks: false,
});
export const LineContinuation = createToken({
  name: 'LineContinuation',
  pattern: /\\\r?\n/,
  group: Lexer.SKIPPED,
  start_chars_hint: ['\\'],
  line_breaks: true,
});
export const Newline = createToken({
  name: 'Newline',
  pattern: /\r?\n|\r/,
  start_chars_hint: ['\r', '\n'],
  line_breaks: true,
  label: 'a new line',
});
export const LineComment = createToken({
  name: 'LineComment',
  pattern: /\/\/[^\n\r]*/,
  group: Lexer.SKIPPED,
  start_chars_hint: ['/'],
  line_breaks: false,
});
export const BlockComment = createToken({
  name: 'BlockComment',
  pattern: /\/\*[\s\S]*?\*\//,
  group: Lexer.SKIPPED,
  start_chars_hint: ['/'],
  line_breaks: true,
});
export const UnclosedComment = createToken({
  name: 'UnclosedComment',
  pattern: /\/\*[\s\S]*/,
  start_chars_hint: ['/'],
  line_breaks: true,
  label: 'an unclosed comment',
});

export const TripleDoubleString = createToken({
  name: 'TripleDoubleString',
  pattern: custom((text, offset) => (text.startsWith('"""', offset) ? scanDoubleQuoted(text, offset, true) : -1)),
  start_chars_hint: ['"'],
  line_breaks: true,
  categories: [W.StringLiteral],
  label: 'a string',
});
export const TripleSingleString = createToken({
  name: 'TripleSingleString',
  pattern: custom((text, offset) => (text.startsWith("'''", offset) ? scanSingleQuoted(text, offset) : -1)),
  start_chars_hint: ["'"],
  line_breaks: true,
  categories: [W.StringLiteral],
  label: 'a string',
});
export const DoubleString = createToken({
  name: 'DoubleString',
  pattern: custom((text, offset) => (text[offset] === '"' ? scanDoubleQuoted(text, offset, false) : -1)),
  start_chars_hint: ['"'],
  line_breaks: true,
  categories: [W.StringLiteral],
  label: 'a string',
});
export const SingleString = createToken({
  name: 'SingleString',
  pattern: /'(?:[^'\\\n\r]|\\[\s\S])*'/,
  start_chars_hint: ["'"],
  line_breaks: true,
  categories: [W.StringLiteral],
  label: 'a string',
});
export const UnclosedString = createToken({
  name: 'UnclosedString',
  pattern: /"""|'''|"|'/,
  start_chars_hint: ['"', "'"],
  line_breaks: false,
  label: 'an unclosed string',
});
export const SlashyString = createToken({
  name: 'SlashyString',
  pattern: custom((text, offset, tokens) =>
    text[offset] === '/' && !endsValue(tokens[tokens.length - 1]) ? scanSlashy(text, offset) : -1,
  ),
  start_chars_hint: ['/'],
  line_breaks: false,
  categories: [W.StringLiteral],
  label: 'a slashy string',
});

// Every token in matching order: comments and strings before operators, keywords before identifiers.
export const allTokens: TokenType[] = [
  W.AnyName,
  W.BinaryOp,
  W.AssignOp,
  W.StringLiteral,
  W.TypeAnnotation,
  Shebang,
  WhiteSpace,
  LineContinuation,
  Newline,
  LineComment,
  BlockComment,
  UnclosedComment,
  TripleDoubleString,
  TripleSingleString,
  DoubleString,
  SingleString,
  UnclosedString,
  SlashyString,
  W.Decimal,
  W.Integer,
  W.Process,
  W.Workflow,
  W.Include,
  W.From,
  W.Def,
  W.If,
  W.Else,
  W.For,
  W.While,
  W.Return,
  W.Break,
  W.Continue,
  W.Throw,
  W.Assert,
  W.Try,
  W.Catch,
  W.Finally,
  W.New,
  W.True,
  W.False,
  W.Null,
  W.This,
  W.Import,
  W.Switch,
  W.Class,
  W.In,
  W.Instanceof,
  W.As,
  W.Identifier,
  W.RangeExclusive,
  W.Range,
  W.MethodPointer,
  W.SafeDot,
  W.SpreadDot,
  W.Dot,
  W.Elvis,
  W.Question,
  W.Colon,
  W.RegexMatch,
  W.Equal,
  W.RegexFind,
  W.NotEqual,
  W.Spaceship,
  W.LessEqual,
  W.ShiftLeft,
  W.Less,
  W.GreaterEqual,
  W.ShiftRight,
  W.Greater,
  W.Arrow,
  W.PlusAssign,
  W.MinusAssign,
  W.StarAssign,
  W.SlashAssign,
  W.OrAssign,
  W.AndAssign,
  W.XorAssign,
  W.Increment,
  W.Decrement,
  W.Assign,
  W.And,
  W.Or,
  W.NotIn,
  W.NotInstanceof,
  W.Not,
  W.BitAnd,
  W.Pipe,
  W.BitXor,
  W.Tilde,
  W.Power,
  W.Star,
  W.Slash,
  W.Percent,
  W.Plus,
  W.Minus,
  W.Comma,
  W.Semicolon,
  W.LParen,
  W.RParen,
  W.LBracket,
  W.RBracket,
  W.LCurly,
  W.RCurly,
  W.At,
];

const VALUE_ENDS = new Set<TokenType>([
  W.Identifier,
  W.Process,
  W.Workflow,
  W.Include,
  W.From,
  W.Integer,
  W.Decimal,
  TripleDoubleString,
  TripleSingleString,
  DoubleString,
  SingleString,
  SlashyString,
  W.RParen,
  W.RBracket,
  W.RCurly,
  W.True,
  W.False,
  W.Null,
  W.This,
]);

// Whether a token ends a value, so that a following `/` divides instead of opening a slashy string.
export function endsValue(token: IToken | undefined): boolean {
  return token !== undefined && VALUE_ENDS.has(token.tokenType);
}

// Index of the end of the line containing `offset`.
function endOfLine(text: string, offset: number): number {
  const nl = text.slice(offset).search(/[\r\n]/);
  return nl < 0 ? text.length : offset + nl;
}
