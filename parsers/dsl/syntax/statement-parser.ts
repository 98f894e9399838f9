// Grammar of Groovy statements (blocks, declarations, command calls) over the expression grammar; control flow is in
// control-flow-parser.ts.
import { tokenMatcher } from './chevrotain.js';
import type { CstNode, IOrAlt, ParserMethod, TokenType } from 'chevrotain';
import { ExpressionParser, startsCommandArgument } from './expression-parser.js';
import * as T from './tokens.js';

export abstract class StatementParser extends ExpressionParser {
  // Control flow's rules (control-flow-parser.ts), which statements start with.
  declare readonly ifStatement: ParserMethod<[], CstNode>;
  declare readonly forStatement: ParserMethod<[], CstNode>;
  declare readonly whileStatement: ParserMethod<[], CstNode>;
  declare readonly tryStatement: ParserMethod<[], CstNode>;
  declare readonly returnStatement: ParserMethod<[], CstNode>;
  declare readonly throwStatement: ParserMethod<[], CstNode>;
  declare readonly assertStatement: ParserMethod<[], CstNode>;

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
