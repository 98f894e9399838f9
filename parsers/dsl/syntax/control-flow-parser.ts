// Grammar of Groovy's control flow: if/else, for (over a collection, or C-style), while, try/catch/finally, return,
// throw, assert.
import { EOF, tokenMatcher } from './chevrotain.js';
import type { TokenType } from 'chevrotain';
import { StatementParser } from './statement-parser.js';
import * as T from './tokens.js';

export abstract class ControlFlowParser extends StatementParser {
  // A `{ block }` or a single statement, as the body of if/for/while; it may start on the next line (`if (c)\n  x`).
  readonly body = this.RULE('body', () => {
    this.OPTION(() => this.CONSUME(T.Newline));
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [{ ALT: () => this.SUBRULE(this.block) }, { ALT: () => this.SUBRULE(this.statement) }],
    });
  });

  override readonly ifStatement = this.RULE('ifStatement', () => {
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
  override readonly forStatement = this.RULE('forStatement', () => {
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

  override readonly whileStatement = this.RULE('whileStatement', () => {
    this.CONSUME(T.While);
    this.SUBRULE(this.condition);
    this.SUBRULE(this.body);
  });

  // try { } catch (Type e) { } finally { }
  override readonly tryStatement = this.RULE('tryStatement', () => {
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

  override readonly returnStatement = this.RULE('returnStatement', () => {
    this.CONSUME(T.Return);
    this.OPTION(() => this.SUBRULE(this.expression));
  });

  override readonly throwStatement = this.RULE('throwStatement', () => {
    this.CONSUME(T.Throw);
    this.SUBRULE(this.expression);
  });

  // assert condition : message
  override readonly assertStatement = this.RULE('assertStatement', () => {
    this.CONSUME(T.Assert);
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Colon) }, { ALT: () => this.CONSUME(T.Comma) }]);
      this.SUBRULE2(this.expression, { LABEL: 'message' });
    });
  });

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
}
