// Grammar of Groovy statements (blocks, declarations, control flow, command calls) over the expression grammar.
import { EOF, tokenMatcher } from './chevrotain.js';
import type { IOrAlt, TokenType } from 'chevrotain';
import { ExpressionParser, startsCommandArgument } from './expression-parser.js';
import * as T from './tokens.js';

export abstract class StatementParser extends ExpressionParser {
  // What ends a statement: a line break or `;` (the lexer puts a line break before every `}` and at the end). Read
  // in place rather than by a rule of its own: a rule call costs more than the token.
  protected readonly statementEndAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.CONSUME2(T.Newline) },
    { ALT: () => this.CONSUME2(T.Semicolon) },
  ];

  // { statements }
  readonly block = this.RULE('block', () => {
    this.CONSUME(T.LCurly);
    this.SUBRULE(this.blockStatements);
    this.CONSUME(T.RCurly);
  });

  // The alternatives of a block's items and of a statement's continuation, built once like the others: these run
  // for every line, and an OR or OPTION over fresh objects would allocate them each time.
  private readonly blockItemsAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.CONSUME(T.Newline) },
    { ALT: () => this.CONSUME(T.Semicolon) },
    { ALT: () => this.SUBRULE(this.blockItem) },
  ];
  private readonly blockItemAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.SUBRULE(this.label) },
    {
      ALT: () => {
        this.SUBRULE(this.statement);
        this.OR2(this.statementEndAlternatives);
      },
    },
  ];
  private readonly expressionContinues = {
    GATE: (): boolean =>
      tokenMatcher(this.LA(1), T.AssignOp) || tokenMatcher(this.LA(1), T.Comma) || this.commandAhead(),
    DEF: (): void => {
      this.OR([
        {
          // `path('*.txt'), emit: txt`: arguments after a parenthesised call's, as Nextflow reads output declarations
          ALT: () => {
            this.CONSUME(T.Comma);
            this.SUBRULE2(this.commandArguments, { LABEL: 'trailing' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.AssignOp);
            this.SUBRULE2(this.expression, { LABEL: 'value' });
          },
        },
        {
          ALT: () => {
            this.SUBRULE(this.commandArguments);
            this.MANY({
              GATE: () => tokenMatcher(this.LA(1), T.Identifier) && startsCommandArgument(this.LA(2)),
              DEF: () => this.SUBRULE(this.commandChain),
            });
          },
        },
      ]);
    },
  };

  // Statements, blank lines and labels (`input:`, `main:`) up to the closing `}`.
  override readonly blockStatements = this.RULE('blockStatements', () => {
    this.MANY(() => {
      this.OR(this.blockItemsAlternatives);
    });
  });

  // A label or a statement with its end, in source order among its siblings.
  readonly blockItem = this.RULE('blockItem', () => {
    this.OR(this.blockItemAlternatives);
  });

  readonly label = this.RULE('label', () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
  });

  // The alternatives of a statement, built once (an OR over a fresh array would allocate on every statement).
  private readonly statementAlternatives: { DEF: IOrAlt<unknown>[]; IGNORE_AMBIGUITIES: true } = {
    IGNORE_AMBIGUITIES: true,
    DEF: [
      { ALT: () => this.SUBRULE(this.ifStatement) },
      { ALT: () => this.SUBRULE(this.forStatement) },
      { ALT: () => this.SUBRULE(this.whileStatement) },
      { ALT: () => this.SUBRULE(this.tryStatement) },
      { ALT: () => this.SUBRULE(this.returnStatement) },
      { ALT: () => this.SUBRULE(this.throwStatement) },
      { ALT: () => this.SUBRULE(this.assertStatement) },
      { ALT: () => this.CONSUME(T.Break) },
      { ALT: () => this.CONSUME(T.Continue) },
      { ALT: () => this.SUBRULE(this.importStatement) },
      { ALT: () => this.SUBRULE(this.variableDeclaration) },
      { GATE: () => this.ahead(T.Identifier, T.Identifier, T.Assign), ALT: () => this.SUBRULE(this.typedDeclaration) },
      { GATE: () => this.ahead(T.Identifier, T.TypeAnnotation), ALT: () => this.SUBRULE(this.typedName) },
      { GATE: () => this.destructuringAhead(1), ALT: () => this.SUBRULE(this.destructuring) },
      { ALT: () => this.SUBRULE(this.expressionStatement) },
    ],
  };

  readonly statement = this.RULE('statement', () => {
    this.OR(this.statementAlternatives);
  });

  // An expression, an assignment `target = value`, or a command call `name arg, name: arg` (chained: `a b c d`).
  readonly expressionStatement = this.RULE('expressionStatement', () => {
    this.SUBRULE(this.expression);
    this.OPTION(this.expressionContinues);
  });

  readonly commandArguments = this.RULE('commandArguments', () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.argument) });
  });

  // The `c d` of `a b c d`, a method called on the result of the command before it.
  readonly commandChain = this.RULE('commandChain', () => {
    this.CONSUME(T.Identifier);
    this.SUBRULE(this.commandArguments);
  });

  // def x = 1, def x, def (a, b) = pair
  readonly variableDeclaration = this.RULE('variableDeclaration', () => {
    this.CONSUME(T.Def);
    this.OR([
      { ALT: () => this.SUBRULE(this.destructuring) },
      {
        ALT: () => {
          // `def String name = …`: a Java type before the name
          this.OPTION3({
            GATE: () => tokenMatcher(this.LA(2), T.Identifier),
            DEF: () => this.CONSUME2(T.Identifier, { LABEL: 'javaType' }),
          });
          this.CONSUME(T.Identifier, { LABEL: 'name' });
          this.OPTION2(() => this.CONSUME(T.TypeAnnotation));
          this.OPTION(() => {
            this.CONSUME(T.Assign);
            this.SUBRULE(this.expression);
          });
        },
      },
    ]);
  });

  // String name = value
  readonly typedDeclaration = this.RULE('typedDeclaration', () => {
    this.CONSUME(T.Identifier, { LABEL: 'type' });
    this.CONSUME2(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.Assign);
    this.SUBRULE(this.expression);
  });

  // name: Type, name: Type = value (strict syntax: process inputs and outputs, take/emit, params, record fields)
  readonly typedName = this.RULE('typedName', () => {
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.TypeAnnotation);
    this.OPTION(() => {
      this.CONSUME(T.Assign);
      this.SUBRULE(this.expression);
    });
  });

  // (a, b) = value
  readonly destructuring = this.RULE('destructuring', () => {
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.Identifier, { LABEL: 'name' }) });
    this.CONSUME(T.RParen);
    this.CONSUME(T.Assign);
    this.SUBRULE(this.expression);
  });

  // A `{ block }` or a single statement, as the body of if/for/while; it may start on the next line (`if (c)\n  x`).
  readonly body = this.RULE('body', () => {
    this.OPTION(() => this.CONSUME(T.Newline));
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [{ ALT: () => this.SUBRULE(this.block) }, { ALT: () => this.SUBRULE(this.statement) }],
    });
  });

  readonly ifStatement = this.RULE('ifStatement', () => {
    this.CONSUME(T.If);
    this.SUBRULE(this.condition);
    this.SUBRULE(this.body, { LABEL: 'then' });
    this.OPTION({
      GATE: () =>
        this.LA(1).tokenType === T.Else || (this.LA(1).tokenType === T.Newline && this.LA(2).tokenType === T.Else),
      DEF: () => {
        this.OPTION2(() => this.CONSUME(T.Newline));
        this.CONSUME(T.Else);
        this.SUBRULE2(this.body, { LABEL: 'otherwise' });
      },
    });
  });

  // ( expression )
  readonly condition = this.RULE('condition', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(T.RParen);
  });

  // for (x in items), for (def x : items), for (String x in items); for (int i = 0; i < n; i++), each part optional
  readonly forStatement = this.RULE('forStatement', () => {
    this.CONSUME(T.For);
    this.CONSUME(T.LParen);
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.semicolonBeforeParen(), ALT: () => this.SUBRULE(this.forClauses) },
        {
          ALT: () => {
            this.OPTION(() => this.CONSUME(T.Def));
            this.OPTION2({
              GATE: () => tokenMatcher(this.LA(2), T.Identifier),
              DEF: () => this.CONSUME(T.Identifier, { LABEL: 'type' }),
            });
            this.CONSUME2(T.Identifier, { LABEL: 'name' });
            this.OR2([{ ALT: () => this.CONSUME(T.In) }, { ALT: () => this.CONSUME(T.Colon) }]);
            this.SUBRULE(this.expression);
          },
        },
      ],
    });
    this.CONSUME(T.RParen);
    this.SUBRULE(this.body);
  });

  // init; condition; update: the header of a C-style `for`
  readonly forClauses = this.RULE('forClauses', () => {
    this.OPTION(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          { ALT: () => this.SUBRULE(this.variableDeclaration) },
          {
            GATE: () => this.ahead(T.Identifier, T.Identifier, T.Assign),
            ALT: () => this.SUBRULE(this.typedDeclaration),
          },
          { ALT: () => this.SUBRULE(this.forExpressions, { LABEL: 'init' }) },
        ],
      });
    });
    this.CONSUME(T.Semicolon);
    this.OPTION2(() => this.SUBRULE(this.expression, { LABEL: 'condition' }));
    this.CONSUME2(T.Semicolon);
    this.OPTION3(() => this.SUBRULE2(this.forExpressions, { LABEL: 'update' }));
  });

  // i = 0, j++, k += 2: the expressions and assignments of a C-style `for`'s init or update
  readonly forExpressions = this.RULE('forExpressions', () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.forExpression) });
  });

  readonly forExpression = this.RULE('forExpression', () => {
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.CONSUME(T.AssignOp);
      this.SUBRULE2(this.expression, { LABEL: 'value' });
    });
  });

  readonly whileStatement = this.RULE('whileStatement', () => {
    this.CONSUME(T.While);
    this.SUBRULE(this.condition);
    this.SUBRULE(this.body);
  });

  // try { } catch (Type e) { } finally { }
  readonly tryStatement = this.RULE('tryStatement', () => {
    this.CONSUME(T.Try);
    this.SUBRULE(this.block);
    this.MANY({ GATE: () => this.followsAfterLine(T.Catch), DEF: () => this.SUBRULE(this.catchClause) });
    this.OPTION({
      GATE: () => this.followsAfterLine(T.Finally),
      DEF: () => {
        this.OPTION2(() => this.CONSUME(T.Newline));
        this.CONSUME(T.Finally);
        this.SUBRULE2(this.block, { LABEL: 'finallyBlock' });
      },
    });
  });

  readonly catchClause = this.RULE('catchClause', () => {
    this.OPTION(() => this.CONSUME(T.Newline));
    this.CONSUME(T.Catch);
    this.CONSUME(T.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: T.Pipe, DEF: () => this.SUBRULE(this.qualifiedName) });
    this.OPTION2(() => this.CONSUME(T.Identifier, { LABEL: 'name' }));
    this.CONSUME(T.RParen);
    this.SUBRULE(this.block);
  });

  readonly returnStatement = this.RULE('returnStatement', () => {
    this.CONSUME(T.Return);
    this.OPTION(() => this.SUBRULE(this.expression));
  });

  readonly throwStatement = this.RULE('throwStatement', () => {
    this.CONSUME(T.Throw);
    this.SUBRULE(this.expression);
  });

  // assert condition : message
  readonly assertStatement = this.RULE('assertStatement', () => {
    this.CONSUME(T.Assert);
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Colon) }, { ALT: () => this.CONSUME(T.Comma) }]);
      this.SUBRULE2(this.expression, { LABEL: 'message' });
    });
  });

  // import a.b.C, import a.b.*
  readonly importStatement = this.RULE('importStatement', () => {
    this.CONSUME(T.Import);
    this.SUBRULE(this.qualifiedName);
    this.OPTION(() => {
      this.CONSUME(T.Dot);
      this.CONSUME(T.Star);
    });
  });

  // Whether a command call's arguments follow: the expression so far ended with a name and an argument starts.
  private commandAhead(): boolean {
    return tokenMatcher(this.LA(0), T.Identifier) && startsCommandArgument(this.LA(1));
  }

  // Whether the next tokens have these types (categories match).
  protected ahead(...types: TokenType[]): boolean {
    return types.every((type, i) => tokenMatcher(this.LA(i + 1), type));
  }

  // Whether `type` comes next, possibly after one line break.
  private followsAfterLine(type: TokenType): boolean {
    return this.LA(1).tokenType === type || (this.LA(1).tokenType === T.Newline && this.LA(2).tokenType === type);
  }

  // Whether a `;` comes before the `)` that closes the parentheses the parser is in (a C-style `for` header).
  private semicolonBeforeParen(): boolean {
    let depth = 0;
    for (let i = 1; ; i++) {
      const type = this.LA(i).tokenType;
      if (type === T.Semicolon && depth === 0) return true;
      if (type === T.LParen || type === T.LBracket || type === T.LCurly) depth++;
      else if (type === T.RParen || type === T.RBracket || type === T.RCurly) depth--;
      if (depth < 0 || type === EOF) return false;
    }
  }

  // Whether `(a, b) =` starts at LA(from).
  private destructuringAhead(from: number): boolean {
    if (this.LA(from).tokenType !== T.LParen) return false;
    for (let i = from + 1; ; i += 2) {
      if (!tokenMatcher(this.LA(i), T.Identifier)) return false;
      const next = this.LA(i + 1).tokenType;
      if (next === T.RParen) return this.LA(i + 2).tokenType === T.Assign;
      if (next !== T.Comma) return false;
    }
  }
}
