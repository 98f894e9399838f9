// Grammar of Groovy expressions as Nextflow scripts use them; statements build on it in dsl-parser.ts.
import { CstParser, tokenMatcher } from 'chevrotain';
import type { CstNode, IToken, ParserMethod, TokenType } from 'chevrotain';
import { syntaxMessages } from './syntax-messages.js';
import * as T from './tokens.js';

// Tokens that may start an argument of a command call without parentheses (`println x`, `cpus 2`).
const COMMAND_ARG_STARTS: readonly TokenType[] = [T.Identifier, T.Integer, T.Decimal, T.StringLiteral, T.True, T.False, T.Null, T.This, T.New];

// Whether a token starts an argument of a command call.
export function startsCommandArgument(token: IToken): boolean {
  return COMMAND_ARG_STARTS.some((type) => tokenMatcher(token, type));
}

export abstract class ExpressionParser extends CstParser {
  declare readonly blockStatements: ParserMethod<[], CstNode>;

  constructor() {
    super(T.allTokens, { maxLookahead: 2, errorMessageProvider: syntaxMessages, recoveryEnabled: false });
  }

  // a ? b : c, a ?: b, or a binary expression.
  readonly expression = this.RULE('expression', () => {
    this.SUBRULE(this.binaryExpression);
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Question);
            this.SUBRULE2(this.expression, { LABEL: 'whenTrue' });
            this.CONSUME(T.Colon);
            this.SUBRULE3(this.expression, { LABEL: 'whenFalse' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.Elvis);
            this.SUBRULE4(this.expression, { LABEL: 'fallback' });
          },
        },
      ]);
    });
  });

  // Operands joined by binary operators; precedence is applied by the visitor.
  readonly binaryExpression = this.RULE('binaryExpression', () => {
    this.SUBRULE(this.unaryExpression);
    this.MANY(() => {
      this.CONSUME(T.BinaryOp);
      this.SUBRULE2(this.unaryExpression);
    });
  });

  // !x, -x, +x, ~x.
  readonly unaryExpression = this.RULE('unaryExpression', () => {
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Not) }, { ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Tilde) }]);
    });
    this.SUBRULE(this.postfixExpression);
  });

  // A primary followed by member access, calls, indexing and trailing closures, in order.
  readonly postfixExpression = this.RULE('postfixExpression', () => {
    this.SUBRULE(this.primary);
    this.MANY(() => this.SUBRULE(this.postfixOperation));
  });

  readonly postfixOperation = this.RULE('postfixOperation', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.memberAccess) },
      { ALT: () => this.SUBRULE(this.callArguments) },
      { ALT: () => this.SUBRULE(this.indexAccess) },
      { ALT: () => this.SUBRULE(this.closure) },
      { ALT: () => this.CONSUME(T.Increment) },
      { ALT: () => this.CONSUME(T.Decrement) },
    ]);
  });

  // .name, ?.name, *.name, .'quoted name'.
  readonly memberAccess = this.RULE('memberAccess', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Dot) }, { ALT: () => this.CONSUME(T.SafeDot) }, { ALT: () => this.CONSUME(T.SpreadDot) }]);
    this.OR2([{ ALT: () => this.CONSUME(T.AnyName) }, { ALT: () => this.CONSUME(T.StringLiteral) }]);
  });

  // (a, b, name: c, *list)
  readonly callArguments = this.RULE('callArguments', () => {
    this.CONSUME(T.LParen);
    this.OPTION(() => this.SUBRULE(this.argumentList));
    this.CONSUME(T.RParen);
  });

  // Comma-separated arguments, a trailing comma allowed.
  readonly argumentList = this.RULE('argumentList', () => {
    this.SUBRULE(this.argument);
    this.MANY({
      GATE: () => this.LA(2).tokenType !== T.RParen,
      DEF: () => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.argument);
      },
    });
    this.OPTION(() => this.CONSUME2(T.Comma));
  });

  readonly argument = this.RULE('argument', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.namedArgument) },
      {
        ALT: () => {
          this.CONSUME(T.Star);
          this.SUBRULE(this.expression, { LABEL: 'spread' });
        },
      },
      { ALT: () => this.SUBRULE2(this.expression) },
    ]);
  });

  // name: value, 'name': value
  readonly namedArgument = this.RULE('namedArgument', () => {
    this.OR([{ ALT: () => this.CONSUME(T.AnyName) }, { ALT: () => this.CONSUME(T.StringLiteral) }]);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expression);
  });

  // [i], [a, b]
  readonly indexAccess = this.RULE('indexAccess', () => {
    this.CONSUME(T.LBracket);
    this.SUBRULE(this.expression);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.expression);
    });
    this.CONSUME(T.RBracket);
  });

  readonly primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Integer) },
      { ALT: () => this.CONSUME(T.Decimal) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME(T.Null) },
      { ALT: () => this.CONSUME(T.This) },
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.SUBRULE(this.parenthesized) },
      { ALT: () => this.SUBRULE(this.listOrMap) },
      { ALT: () => this.SUBRULE(this.closure) },
      { ALT: () => this.SUBRULE(this.newExpression) },
    ]);
  });

  readonly parenthesized = this.RULE('parenthesized', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(T.RParen);
  });

  // [1, 2], [a: 1, 'b': 2], [(key): 3], [:]
  readonly listOrMap = this.RULE('listOrMap', () => {
    this.CONSUME(T.LBracket);
    this.OR([
      { ALT: () => this.CONSUME(T.Colon) },
      {
        ALT: () => {
          this.OPTION(() => {
            this.SUBRULE(this.element);
            this.MANY({
              GATE: () => this.LA(2).tokenType !== T.RBracket,
              DEF: () => {
                this.CONSUME(T.Comma);
                this.SUBRULE2(this.element);
              },
            });
            this.OPTION2(() => this.CONSUME2(T.Comma));
          });
        },
      },
    ]);
    this.CONSUME(T.RBracket);
  });

  // A list item, or a map entry whose key is a name, string, number or (expression).
  readonly element = this.RULE('element', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
      {
        GATE: () => this.LA(2).tokenType === T.Colon,
        ALT: () => {
          this.SUBRULE(this.mapKey);
          this.CONSUME(T.Colon);
          this.SUBRULE(this.expression, { LABEL: 'value' });
        },
      },
      {
        ALT: () => {
          this.SUBRULE2(this.expression, { LABEL: 'item' });
          this.OPTION(() => {
            this.CONSUME2(T.Colon);
            this.SUBRULE3(this.expression, { LABEL: 'value' });
          });
        },
      },
    ],
    });
  });

  readonly mapKey = this.RULE('mapKey', () => {
    this.OR([{ ALT: () => this.CONSUME(T.AnyName) }, { ALT: () => this.CONSUME(T.StringLiteral) }, { ALT: () => this.CONSUME(T.Integer) }, { ALT: () => this.CONSUME(T.Decimal) }]);
  });

  // { a, b -> statements } or { statements } (with the implicit parameter `it`).
  readonly closure = this.RULE('closure', () => {
    this.CONSUME(T.LCurly);
    this.OPTION({
      GATE: () => this.closureParametersAhead(),
      DEF: () => {
        this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.parameter) });
        this.CONSUME(T.Arrow);
      },
    });
    this.SUBRULE(this.blockStatements);
    this.CONSUME(T.RCurly);
  });

  // A closure or function parameter: name, Type name, name = default.
  readonly parameter = this.RULE('parameter', () => {
    this.OPTION({ GATE: () => tokenMatcher(this.LA(2), T.Identifier), DEF: () => this.CONSUME(T.Identifier, { LABEL: 'type' }) });
    this.CONSUME2(T.Identifier, { LABEL: 'name' });
    this.OPTION2(() => {
      this.CONSUME(T.Assign);
      this.SUBRULE(this.expression, { LABEL: 'defaultValue' });
    });
  });

  // new File(path), new java.util.Date()
  readonly newExpression = this.RULE('newExpression', () => {
    this.CONSUME(T.New);
    this.SUBRULE(this.qualifiedName);
    this.SUBRULE(this.callArguments);
  });

  readonly qualifiedName = this.RULE('qualifiedName', () => {
    this.CONSUME(T.Identifier);
    this.MANY(() => {
      this.CONSUME(T.Dot);
      this.CONSUME2(T.Identifier);
    });
  });

  // Whether the tokens after `{` are closure parameters followed by `->`.
  private closureParametersAhead(): boolean {
    for (let i = 1; ; i++) {
      const type = this.LA(i).tokenType;
      if (type === T.Arrow) return true;
      if (!(type === T.Comma || tokenMatcher(this.LA(i), T.Identifier))) return false;
    }
  }
}
