// What the CST-to-AST visitor shares: the file name for errors, a parser for `${...}` fragments, CST helpers.
import type { IToken } from 'chevrotain';
import { ParseError } from '../../../engine/errors.js';
import type { ClosureExpression, Expression, Position } from './ast-expressions.js';
import type { Origin } from './lexer.js';

export interface BuildContext {
  readonly file: string;
  // Parses the text of an interpolation `${...}` found at `origin` into an expression.
  readonly parseFragment: (text: string, origin: Origin) => Expression;
  // Closures with labels in their body not (yet) seen as the argument of `branch` or `multiMap`; any left when the
  // whole file is built is an error.
  readonly labelledClosures: Set<ClosureExpression>;
}

// The position of a token.
export function posOf(token: IToken): Position {
  return { line: token.startLine ?? 1, column: token.startColumn ?? 1, offset: token.startOffset };
}

// A ParseError at a position of the context's file.
export function errorAt(ctx: BuildContext, pos: Position, message: string, hint: string): ParseError {
  return new ParseError(`${message} at ${pos.line}:${pos.column}`, {
    location: { file: ctx.file, line: pos.line, column: pos.column },
    hint,
  });
}

// The first element of a CST child list (the grammar guarantees it exists).
export function first<X>(items: readonly X[]): X {
  return items[0] as X;
}

// The children of the first node of a CST child list, to pass to the visitor method of its rule.
export function childrenOf<X>(nodes: readonly { readonly children: X }[]): X {
  return first(nodes).children;
}
