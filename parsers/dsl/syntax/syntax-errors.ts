// Chevrotain's recognition errors as ParseErrors: file:line:col, the unexpected token, what was expected, a hint.
import { EOF } from './chevrotain.js';
import type { IRecognitionException, IToken, TokenType } from 'chevrotain';
import { ParseError } from '../../../engine/errors.js';
import { tokenEnd } from './lexer.js';
import { describeToken } from './syntax-messages.js';
import * as T from './tokens.js';

// Recognised syntax pipe does not support, by the keyword that starts it.
const UNSUPPORTED: ReadonlyMap<string, { what: string; hint: string }> = new Map([
  ['switch', { what: '`switch` statements are not supported', hint: 'use `if / else if / else`' }],
  ['class', { what: 'class definitions are not supported in pipelines', hint: 'use `def` functions and maps' }],
  ['@', { what: 'annotations are not supported', hint: 'remove the `@…` annotation' }],
  [
    '.&',
    {
      what: 'method pointers `.&` are not supported',
      hint: 'pass a closure instead: `{ x -> name(x) }` for `this.&name`',
    },
  ],
]);

const CLOSERS: ReadonlyMap<TokenType, string> = new Map([
  [T.LCurly, '}'],
  [T.LParen, ')'],
  [T.LBracket, ']'],
]);

// The ParseError for the first syntax error of a parse.
export function syntaxError(error: IRecognitionException, tokens: readonly IToken[], file: string): ParseError {
  const token = error.token.tokenType === EOF ? endOf(tokens) : error.token;
  const line = token.startLine ?? 1;
  const column =
    error.token.tokenType === EOF ? (token.image === '' ? 0 : tokenEnd(token).column) + 1 : (token.startColumn ?? 1);
  const location = { file, line, column };
  const found = describeToken(error.token);
  const unsupported = UNSUPPORTED.get(error.token.image);
  if (unsupported)
    return new ParseError(`${unsupported.what} (found ${found} at ${line}:${column})`, {
      location,
      hint: unsupported.hint,
    });
  const opener = unclosedBracket(tokens, error.token);
  const closer = opener && CLOSERS.get(opener.token.tokenType);
  const closing =
    opener !== undefined &&
    closer !== undefined &&
    (error.token.tokenType === EOF || error.message.includes(`\`${closer}\``));
  const what = closing && closer === '}' ? `the ${blockKind(tokens, opener)}` : `the \`${opener?.token.image}\``;
  const expected = closing
    ? `expected \`${closer}\` to close ${what} opened at ${opener.token.startLine}:${opener.token.startColumn}`
    : error.message;
  return new ParseError(`unexpected ${found} at ${line}:${column}: ${expected}`, {
    location,
    hint: hintFor(error, closing ? closer : undefined),
  });
}

// The last real token, to place an error about the end of the file.
function endOf(tokens: readonly IToken[]): IToken {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i] as IToken;
    if (token.image !== '') return token;
  }
  return tokens[0] ?? ({ startLine: 1, startColumn: 1, endColumn: 0, image: '', tokenType: EOF } as unknown as IToken);
}

// The innermost bracket still open where the error happened, with its index among the tokens.
function unclosedBracket(tokens: readonly IToken[], at: IToken): { token: IToken; index: number } | undefined {
  const open: { token: IToken; index: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as IToken;
    if (at.tokenType !== EOF && token.startOffset >= at.startOffset) break;
    if (CLOSERS.has(token.tokenType)) open.push({ token, index: i });
    else if (token.tokenType === T.RCurly || token.tokenType === T.RParen || token.tokenType === T.RBracket) open.pop();
  }
  return open[open.length - 1];
}

// What a `{` opens, read from the tokens before it: "process block", "workflow block", "closure", …
function blockKind(tokens: readonly IToken[], opener: { index: number }): string {
  const before = tokens[opener.index - 1];
  const twoBefore = tokens[opener.index - 2];
  if (twoBefore?.tokenType === T.Process) return `process \`${before?.image}\` block`;
  if (before?.tokenType === T.Workflow) return 'entry workflow block';
  if (twoBefore?.tokenType === T.Workflow) return `workflow \`${before?.image}\` block`;
  if (before?.tokenType === T.Include) return 'include list';
  if (
    before?.tokenType === T.RParen ||
    before?.tokenType === T.Else ||
    before?.tokenType === T.Try ||
    before?.tokenType === T.Finally
  )
    return 'block';
  if (
    before !== undefined &&
    (before.tokenType === T.Identifier || before.tokenType === T.SingleString || before.tokenType === T.DoubleString)
  )
    return `\`${before.image}\` block`;
  return 'closure';
}

// A hint a user can act on for the kind of error.
function hintFor(error: IRecognitionException, closer: string | undefined): string {
  if (closer !== undefined)
    return `add the missing \`${closer}\`; an unclosed string or an extra opening bracket above can also cause this`;
  if (error.token.tokenType === T.Newline || error.message.includes('to finish the line'))
    return 'the line ends too early: an expression continues onto the next line only after an operator, a comma, an open bracket, or before a leading `.`';
  if (error.name === 'NotAllInputParsedException') return 'remove the stray token or put the statement on its own line';
  if (error.message.includes('a new line or `;`'))
    return 'put each statement on its own line or separate them with `;`; a call with several arguments needs commas between them';
  return 'check the syntax near this point against the Nextflow DSL2 grammar (docs/dsl.md lists what pipe parses)';
}
