// The DSL's tokens (Groovy's lexical structure, as far as Nextflow scripts and configs use it).
import { createToken, Lexer } from './chevrotain.js';
import type { IToken, TokenType } from 'chevrotain';
import { scanDoubleQuoted, scanSingleQuoted, scanSlashy } from './string-scan.js';

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

// Categories: names usable after `.` and as map keys, binary operators, tokens that end a value, statement breaks.
export const AnyName = createToken({ name: 'AnyName', pattern: Lexer.NA });
export const BinaryOp = createToken({ name: 'BinaryOp', pattern: Lexer.NA });
export const AssignOp = createToken({ name: 'AssignOp', pattern: Lexer.NA });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: Lexer.NA });
// A strict-syntax type annotation (`: Path?`, `-> Boolean`), made by the lexer from the tokens that spell it
// (type-annotations.ts); its image is the type.
export const TypeAnnotation = createToken({ name: 'TypeAnnotation', pattern: Lexer.NA, label: 'a type' });

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
  categories: [StringLiteral],
  label: 'a string',
});
export const TripleSingleString = createToken({
  name: 'TripleSingleString',
  pattern: custom((text, offset) => (text.startsWith("'''", offset) ? scanSingleQuoted(text, offset) : -1)),
  start_chars_hint: ["'"],
  line_breaks: true,
  categories: [StringLiteral],
  label: 'a string',
});
export const DoubleString = createToken({
  name: 'DoubleString',
  pattern: custom((text, offset) => (text[offset] === '"' ? scanDoubleQuoted(text, offset, false) : -1)),
  start_chars_hint: ['"'],
  line_breaks: true,
  categories: [StringLiteral],
  label: 'a string',
});
export const SingleString = createToken({
  name: 'SingleString',
  pattern: /'(?:[^'\\\n\r]|\\[\s\S])*'/,
  start_chars_hint: ["'"],
  line_breaks: true,
  categories: [StringLiteral],
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
  categories: [StringLiteral],
  label: 'a slashy string',
});

// First characters of numbers and names, given so that building the lexer need not analyse their patterns
// (test/parsers/dsl/syntax/grammar.test.ts checks every hint against Chevrotain's own analysis).
const DIGITS = [...'0123456789'];
const NAME_STARTS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$'];

export const Decimal = createToken({
  name: 'Decimal',
  pattern: /\d[\d_]*(?:\.\d[\d_]*(?:[eE][+-]?\d+)?|[eE][+-]?\d+)[dDfFgG]?(?![\w$])/,
  start_chars_hint: DIGITS,
  line_breaks: false,
  label: 'a number',
});
export const Integer = createToken({
  name: 'Integer',
  pattern: /(?:0[xX][\da-fA-F_]+[lLgGiI]?|\d[\d_]*[lLgGiIdDfF]?)(?![\w$])/,
  start_chars_hint: DIGITS,
  line_breaks: false,
  label: 'a number',
});

export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_$][\w$]*/,
  start_chars_hint: NAME_STARTS,
  line_breaks: false,
  categories: [AnyName],
  label: 'a name',
});

// The reserved words that cannot be a plain name (not the soft ones).
export const RESERVED_WORDS = new Set<string>();

// A reserved word; `soft` ones stay usable as plain names (`workflow.onComplete`, `process.cpus`).
function keyword(word: string, soft = false, extra: TokenType[] = []): TokenType {
  const name = word[0]?.toUpperCase() + word.slice(1);
  if (!soft) RESERVED_WORDS.add(word);
  return createToken({
    name,
    pattern: new RegExp(`${word}\\b`),
    start_chars_hint: [word.charAt(0)],
    line_breaks: false,
    longer_alt: Identifier,
    categories: [soft ? Identifier : AnyName, ...extra],
    label: `\`${word}\``,
  });
}

export const Process = keyword('process', true);
export const Workflow = keyword('workflow', true);
export const Include = keyword('include', true);
export const From = keyword('from', true);
export const Def = keyword('def');
export const If = keyword('if');
export const Else = keyword('else');
export const For = keyword('for');
export const While = keyword('while');
export const Return = keyword('return');
export const Break = keyword('break');
export const Continue = keyword('continue');
export const Throw = keyword('throw');
export const Assert = keyword('assert');
export const Try = keyword('try');
export const Catch = keyword('catch');
export const Finally = keyword('finally');
export const New = keyword('new');
export const True = keyword('true');
export const False = keyword('false');
export const Null = keyword('null');
export const This = keyword('this');
export const Import = keyword('import');
export const Switch = keyword('switch');
export const Class = keyword('class');
export const In = keyword('in', false, [BinaryOp]);
export const Instanceof = keyword('instanceof', false, [BinaryOp]);
export const As = keyword('as', false, [BinaryOp]);

// An operator or punctuation token with its text as label (and first character, so the lexer need not work it out).
function op(name: string, pattern: RegExp, text: string, categories: TokenType[] = []): TokenType {
  return createToken({
    name,
    pattern,
    start_chars_hint: [text.charAt(0)],
    line_breaks: false,
    categories,
    label: `\`${text}\``,
  });
}

export const RangeExclusive = op('RangeExclusive', /\.\.</, '..<', [BinaryOp]);
export const Range = op('Range', /\.\./, '..', [BinaryOp]);
export const MethodPointer = op('MethodPointer', /\.&/, '.&');
export const SafeDot = op('SafeDot', /\?\./, '?.');
export const SpreadDot = op('SpreadDot', /\*\./, '*.');
export const Dot = op('Dot', /\./, '.');
export const Elvis = op('Elvis', /\?:/, '?:');
export const Question = op('Question', /\?/, '?');
export const Colon = op('Colon', /:/, ':');
export const RegexMatch = op('RegexMatch', /==~/, '==~', [BinaryOp]);
export const Equal = op('Equal', /==/, '==', [BinaryOp]);
export const RegexFind = op('RegexFind', /=~/, '=~', [BinaryOp]);
export const NotEqual = op('NotEqual', /!=/, '!=', [BinaryOp]);
export const Spaceship = op('Spaceship', /<=>/, '<=>', [BinaryOp]);
export const LessEqual = op('LessEqual', /<=/, '<=', [BinaryOp]);
export const ShiftLeft = op('ShiftLeft', /<</, '<<', [BinaryOp]);
export const Less = op('Less', /</, '<', [BinaryOp]);
export const GreaterEqual = op('GreaterEqual', />=/, '>=', [BinaryOp]);
export const ShiftRight = op('ShiftRight', />>/, '>>', [BinaryOp]);
export const Greater = op('Greater', />/, '>', [BinaryOp]);
export const Arrow = op('Arrow', /->/, '->');
export const PlusAssign = op('PlusAssign', /\+=/, '+=', [AssignOp]);
export const MinusAssign = op('MinusAssign', /-=/, '-=', [AssignOp]);
export const StarAssign = op('StarAssign', /\*=/, '*=', [AssignOp]);
export const SlashAssign = op('SlashAssign', /\/=/, '/=', [AssignOp]);
export const OrAssign = op('OrAssign', /\|=/, '|=', [AssignOp]);
export const AndAssign = op('AndAssign', /&=/, '&=', [AssignOp]);
export const XorAssign = op('XorAssign', /\^=/, '^=', [AssignOp]);
export const Increment = op('Increment', /\+\+/, '++');
export const Decrement = op('Decrement', /--/, '--');
export const Assign = op('Assign', /=/, '=', [AssignOp]);
export const And = op('And', /&&/, '&&', [BinaryOp]);
export const Or = op('Or', /\|\|/, '||', [BinaryOp]);
// Groovy 3's negated `in` and `instanceof` (`x !in list`), before `!`.
export const NotIn = op('NotIn', /!in\b/, '!in', [BinaryOp]);
export const NotInstanceof = op('NotInstanceof', /!instanceof\b/, '!instanceof', [BinaryOp]);
export const Not = op('Not', /!/, '!');
export const BitAnd = op('BitAnd', /&/, '&', [BinaryOp]);
export const Pipe = op('Pipe', /\|/, '|', [BinaryOp]);
export const BitXor = op('BitXor', /\^/, '^', [BinaryOp]);
export const Tilde = op('Tilde', /~/, '~');
export const Power = op('Power', /\*\*/, '**', [BinaryOp]);
export const Star = op('Star', /\*/, '*', [BinaryOp]);
export const Slash = op('Slash', /\//, '/', [BinaryOp]);
export const Percent = op('Percent', /%/, '%', [BinaryOp]);
export const Plus = op('Plus', /\+/, '+', [BinaryOp]);
export const Minus = op('Minus', /-/, '-', [BinaryOp]);
export const Comma = op('Comma', /,/, ',');
export const Semicolon = op('Semicolon', /;/, ';');
export const LParen = op('LParen', /\(/, '(');
export const RParen = op('RParen', /\)/, ')');
export const LBracket = op('LBracket', /\[/, '[');
export const RBracket = op('RBracket', /\]/, ']');
export const LCurly = op('LCurly', /\{/, '{');
export const RCurly = op('RCurly', /\}/, '}');
export const At = op('At', /@/, '@');

// Every token in matching order: comments and strings before operators, keywords before identifiers.
export const allTokens: TokenType[] = [
  AnyName,
  BinaryOp,
  AssignOp,
  StringLiteral,
  TypeAnnotation,
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
  Decimal,
  Integer,
  Process,
  Workflow,
  Include,
  From,
  Def,
  If,
  Else,
  For,
  While,
  Return,
  Break,
  Continue,
  Throw,
  Assert,
  Try,
  Catch,
  Finally,
  New,
  True,
  False,
  Null,
  This,
  Import,
  Switch,
  Class,
  In,
  Instanceof,
  As,
  Identifier,
  RangeExclusive,
  Range,
  MethodPointer,
  SafeDot,
  SpreadDot,
  Dot,
  Elvis,
  Question,
  Colon,
  RegexMatch,
  Equal,
  RegexFind,
  NotEqual,
  Spaceship,
  LessEqual,
  ShiftLeft,
  Less,
  GreaterEqual,
  ShiftRight,
  Greater,
  Arrow,
  PlusAssign,
  MinusAssign,
  StarAssign,
  SlashAssign,
  OrAssign,
  AndAssign,
  XorAssign,
  Increment,
  Decrement,
  Assign,
  And,
  Or,
  NotIn,
  NotInstanceof,
  Not,
  BitAnd,
  Pipe,
  BitXor,
  Tilde,
  Power,
  Star,
  Slash,
  Percent,
  Plus,
  Minus,
  Comma,
  Semicolon,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LCurly,
  RCurly,
  At,
];

const VALUE_ENDS = new Set<TokenType>([
  Identifier,
  Process,
  Workflow,
  Include,
  From,
  Integer,
  Decimal,
  TripleDoubleString,
  TripleSingleString,
  DoubleString,
  SingleString,
  SlashyString,
  RParen,
  RBracket,
  RCurly,
  True,
  False,
  Null,
  This,
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
