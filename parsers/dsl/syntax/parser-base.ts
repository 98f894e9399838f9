// The grammar's parser base: the token vocabulary and Chevrotain's settings (lookahead from the generated paths, the
// DSL's syntax messages), CST nodes with fast children, and which tokens start a command call's argument.
import { CstParser, tokenMatcher } from './chevrotain.js';
import type { CstNode, ILookaheadStrategy, IToken, TokenType } from 'chevrotain';
import { createLookahead } from './lookahead.js';
import { LOOKAHEAD_PATHS } from './lookahead-paths.js';
import { syntaxMessages } from './syntax-messages.js';
import * as T from './tokens.js';

// Tokens that may start an argument of a command call without parentheses (`println x`, `cpus 2`).
const COMMAND_ARG_STARTS: readonly TokenType[] = [
  T.Identifier,
  T.Integer,
  T.Decimal,
  T.StringLiteral,
  T.True,
  T.False,
  T.Null,
  T.This,
  T.New,
  T.Not, // `includeConfig !a ? b : c`: Groovy reads `name !x` as a call
];

// Whether a token starts an argument of a command call.
export function startsCommandArgument(token: IToken): boolean {
  return COMMAND_ARG_STARTS.some((type) => tokenMatcher(token, type));
}

// The children of a CST node: fast properties, nothing inherited.
function CstChildren(): void {}
CstChildren.prototype = Object.create(null) as object;

// How many tokens ahead the parser looks to choose between alternatives.
export const MAX_LOOKAHEAD = 2;

export abstract class ParserBase extends CstParser {
  // `validate` runs Chevrotain's grammar checks (slow: a test does it; parsing skips them). The lookahead is read from
  // the paths generated with the grammar unless `lookahead` says otherwise.
  constructor(validate: boolean, lookahead: ILookaheadStrategy = createLookahead(LOOKAHEAD_PATHS, MAX_LOOKAHEAD)) {
    super(T.allTokens, {
      maxLookahead: MAX_LOOKAHEAD,
      lookaheadStrategy: lookahead,
      errorMessageProvider: syntaxMessages,
      recoveryEnabled: false,
      skipValidations: !validate,
    });
  }

  // Starts the CST node of a rule (replaces Chevrotain's tree-builder step of the same name). Chevrotain makes each
  // node's children an `Object.create(null)`, which V8 keeps as a hash table: hundreds of bytes a node and no inline
  // caches for the visitor's reads. Children made by a constructor whose prototype is empty are ordinary fast
  // objects, with the same keys and no inherited names.
  protected cstInvocationStateUpdate(fullRuleName: string): void {
    const builder = this as unknown as { readonly CST_STACK: CstNode[]; setInitialNodeLocation(node: CstNode): void };
    const node: CstNode = {
      name: fullRuleName,
      children: new (CstChildren as unknown as new () => CstNode['children'])(),
    };
    builder.setInitialNodeLocation(node);
    builder.CST_STACK.push(node);
  }
}
