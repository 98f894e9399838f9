// Chevrotain's syntax error messages in human words: what was expected, named as a user writes it.
import { EOF, tokenMatcher } from './chevrotain.js';
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';
import * as T from './tokens.js';

// Tokens that start an expression: a list of them reads better as "an expression".
const EXPRESSION_STARTS: readonly TokenType[] = [
  T.Identifier,
  T.Integer,
  T.Decimal,
  T.StringLiteral,
  T.True,
  T.False,
  T.Null,
  T.This,
  T.New,
  T.LParen,
  T.LBracket,
  T.LCurly,
  T.Not,
  T.Minus,
  T.Plus,
  T.Tilde,
  T.TripleDoubleString,
  T.TripleSingleString,
  T.DoubleString,
  T.SingleString,
  T.SlashyString,
  T.Process,
  T.Workflow,
  T.Include,
  T.From,
];

// How a token type is named in a message: its label (`` `}` ``, "a name"), or its name.
export function describeType(type: TokenType): string {
  if (type === EOF) return 'the end of the file';
  return type.LABEL ?? type.name;
}

// How a found token is named after "unexpected": its text, shortened, or "line break" / "end of file".
export function describeToken(token: IToken): string {
  if (token.tokenType === EOF) return 'end of file';
  if (token.tokenType === T.Newline) return 'line break';
  const firstLine = token.image.split(/\r?\n/)[0] ?? '';
  const text =
    firstLine.length > 24 ? `${firstLine.slice(0, 24)}…` : firstLine === token.image ? firstLine : `${firstLine}…`;
  return `\`${text}\``;
}

// "a, b or c" from the token types a parser could have accepted.
export function describeExpected(types: readonly TokenType[]): string {
  const words: string[] = [];
  let expression = false;
  for (const type of types) {
    if (EXPRESSION_STARTS.includes(type) || type === T.StringLiteral || type === T.AnyName) expression = true;
    else if (type === T.BinaryOp) words.push('an operator');
    else if (type === T.AssignOp) words.push('`=`');
    else words.push(describeType(type));
  }
  if (expression) words.push(types.length === 1 && types[0] !== undefined ? describeType(types[0]) : 'an expression');
  const unique = [...new Set(words)];
  if (unique.length <= 1) return unique[0] ?? 'something else';
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

// First tokens of each expected path.
function firstTokens(paths: readonly (readonly (readonly TokenType[])[])[]): TokenType[] {
  const types: TokenType[] = [];
  for (const alternative of paths) for (const path of alternative) if (path[0] !== undefined) types.push(path[0]);
  return types;
}

// Whether the token is a line break or `;` where the grammar wanted more.
function endsStatement(token: IToken): boolean {
  return tokenMatcher(token, T.Newline) || tokenMatcher(token, T.Semicolon);
}

export const syntaxMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected }) => `expected ${describeType(expected)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) =>
    firstRedundant.tokenType === T.RCurly
      ? 'expected a statement, but this `}` closes no open block'
      : 'expected a new line or `;` before it',
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual }) => {
    const found = actual[0];
    if (found !== undefined && endsStatement(found))
      return `expected ${describeExpected(firstTokens(expectedPathsPerAlt))} to finish the line`;
    return `expected ${describeExpected(firstTokens(expectedPathsPerAlt))}`;
  },
  buildEarlyExitMessage: ({ expectedIterationPaths }) =>
    `expected ${describeExpected(expectedIterationPaths.map((p) => p[0]).filter((t): t is TokenType => t !== undefined))}`,
};
