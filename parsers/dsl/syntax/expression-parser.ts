// Grammar of Groovy expressions as Nextflow scripts use them; statements build on it in dsl-parser.ts.
import { tokenMatcher } from './chevrotain.js';
import type { CstNode, IOrAlt, ParserMethod } from 'chevrotain';
import { ParserBase } from './parser-base.js';
import * as T from './tokens.js';

export { MAX_LOOKAHEAD, startsCommandArgument } from './parser-base.js';

export abstract class ExpressionParser extends ParserBase {
  declare readonly blockStatements: ParserMethod<[], CstNode>;

  // Operands joined by binary operators (precedence is applied by the visitor), then `? a : b` or `?: b`.
  readonly expression = this.RULE('expression', () => {
    this.SUBRULE(this.operand);
    this.MANY(() => {
      this.CONSUME(T.BinaryOp);
      this.SUBRULE2(this.operand);
    });
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

  // The alternatives an operand starts with and of a postfix operation, built once: an OR over a fresh array would
  // allocate on every operand.
  private readonly prefixAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.CONSUME(T.Not) },
    { ALT: () => this.CONSUME(T.Minus) },
    { ALT: () => this.CONSUME(T.Plus) },
    { ALT: () => this.CONSUME(T.Tilde) },
  ];
  private readonly primaryAlternatives: IOrAlt<unknown>[] = [
    {
      GATE: () => this.LA(2).tokenType === T.Arrow || this.parenthesizedLambdaAhead(),
      ALT: () => this.SUBRULE(this.lambda),
    },
    { ALT: () => this.CONSUME(T.Identifier) },
    { ALT: () => this.CONSUME(T.StringLiteral) },
    { ALT: () => this.CONSUME(T.Integer) },
    { ALT: () => this.CONSUME(T.Decimal) },
    { ALT: () => this.CONSUME(T.True) },
    { ALT: () => this.CONSUME(T.False) },
    { ALT: () => this.CONSUME(T.Null) },
    { ALT: () => this.CONSUME(T.This) },
    { ALT: () => this.SUBRULE(this.parenthesized) },
    { ALT: () => this.SUBRULE(this.listOrMap) },
    { ALT: () => this.SUBRULE(this.closure) },
    { ALT: () => this.SUBRULE(this.newExpression) },
  ];
  private readonly postfixAlternatives: IOrAlt<unknown>[] = [
    {
      ALT: () => {
        this.OR2(this.navigationAlternatives);
        this.OR3(this.memberNameAlternatives);
      },
    },
    { ALT: () => this.SUBRULE(this.callArguments) },
    { ALT: () => this.SUBRULE(this.indexAccess) },
    { ALT: () => this.SUBRULE(this.closure) },
    { ALT: () => this.CONSUME(T.Increment) },
    { ALT: () => this.CONSUME(T.Decrement) },
  ];
  private readonly navigationAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.CONSUME(T.Dot) },
    { ALT: () => this.CONSUME(T.SafeDot) },
    { ALT: () => this.CONSUME(T.SpreadDot) },
  ];
  private readonly memberNameAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.CONSUME(T.AnyName) },
    { ALT: () => this.CONSUME(T.StringLiteral) },
  ];

  // Prefix operators (`!x`, `-x`, `+x`, `~x`), a primary, then member accesses, calls, indexes and trailing closures
  // in order. One rule rather than a chain of them keeps the CST small: most operands are a single name or literal.
  readonly operand = this.RULE('operand', () => {
    this.MANY(() => this.OR(this.prefixAlternatives));
    this.OR2(this.primaryAlternatives);
    this.MANY2(() => this.SUBRULE(this.postfixOperation));
  });

  // .name, ?.name, *.name, .'quoted name', (args), [index], a trailing closure, ++, --.
  readonly postfixOperation = this.RULE('postfixOperation', () => {
    this.OR(this.postfixAlternatives);
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

  private readonly argumentAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.SUBRULE(this.namedArgument) },
    {
      ALT: () => {
        this.CONSUME(T.Star);
        this.SUBRULE(this.expression, { LABEL: 'spread' });
      },
    },
    { ALT: () => this.SUBRULE2(this.expression) },
  ];

  readonly argument = this.RULE('argument', () => {
    this.OR(this.argumentAlternatives);
  });

  // name: value, 'name': value
  // name: value, 'name': value, name: Type (a strict-syntax declaration such as `tuple(id: String, reads: Path)`)
  readonly namedArgument = this.RULE('namedArgument', () => {
    this.OR([{ ALT: () => this.CONSUME(T.AnyName) }, { ALT: () => this.CONSUME(T.StringLiteral) }]);
    this.OR2([
      {
        ALT: () => {
          this.CONSUME(T.Colon);
          this.SUBRULE(this.expression);
        },
      },
      { ALT: () => this.CONSUME(T.TypeAnnotation) },
    ]);
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
    this.OR([
      { ALT: () => this.CONSUME(T.AnyName) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.Integer) },
      { ALT: () => this.CONSUME(T.Decimal) },
    ]);
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

  // Groovy 3's lambda `x -> expression`, `(a, b) -> expression` or `() -> { statements }`
  // (`ch.view(it -> it.text)`): a closure of its parameters.
  readonly lambda = this.RULE('lambda', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.MANY_SEP({ SEP: T.Comma, DEF: () => this.CONSUME2(T.Identifier) });
          this.CONSUME(T.RParen);
        },
      },
    ]);
    this.CONSUME(T.Arrow);
    this.SUBRULE(this.expression);
  });

  // A closure or function parameter: name, Type name, name = default.
  readonly parameter = this.RULE('parameter', () => {
    this.OPTION({
      GATE: () => tokenMatcher(this.LA(2), T.Identifier),
      DEF: () => this.CONSUME(T.Identifier, { LABEL: 'type' }),
    });
    this.CONSUME2(T.Identifier, { LABEL: 'name' });
    this.OPTION3(() => this.CONSUME(T.TypeAnnotation));
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

  // Whether the tokens ahead are `(a, b) ->`: a parenthesized lambda's parameters.
  private parenthesizedLambdaAhead(): boolean {
    if (this.LA(1).tokenType !== T.LParen) return false;
    for (let i = 2; ; i += 2) {
      if (this.LA(i).tokenType === T.RParen) return this.LA(i + 1).tokenType === T.Arrow;
      if (!tokenMatcher(this.LA(i), T.Identifier)) return false;
      const next = this.LA(i + 1).tokenType;
      if (next === T.RParen) return this.LA(i + 2).tokenType === T.Arrow;
      if (next !== T.Comma) return false;
    }
  }

  // Whether the tokens after `{` are closure parameters followed by `->`.
  private closureParametersAhead(): boolean {
    for (let i = 1; ; i++) {
      const type = this.LA(i).tokenType;
      if (type === T.Arrow) return true;
      if (!(type === T.Comma || type === T.TypeAnnotation || tokenMatcher(this.LA(i), T.Identifier))) return false;
    }
  }
}
