// The DSL's categories, numbers, names, reserved words and operators (tokens.ts adds comments and strings and
// puts every token in matching order).
import { createToken, Lexer } from './chevrotain.js';
import type { TokenType } from 'chevrotain';

// Categories: names usable after `.` and as map keys, binary operators, tokens that end a value, statement breaks.
export const AnyName = createToken({ name: 'AnyName', pattern: Lexer.NA });
export const BinaryOp = createToken({ name: 'BinaryOp', pattern: Lexer.NA });
export const AssignOp = createToken({ name: 'AssignOp', pattern: Lexer.NA });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: Lexer.NA });
// A strict-syntax type annotation (`: Path?`, `-> Boolean`), made by the lexer from the tokens that spell it
// (type-annotations.ts); its image is the type.
export const TypeAnnotation = createToken({ name: 'TypeAnnotation', pattern: Lexer.NA, label: 'a type' });

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
