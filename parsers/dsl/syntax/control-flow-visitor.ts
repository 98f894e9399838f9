// Visitor methods for control flow: if, for (over a collection, or C-style), while, try/catch/finally, return,
// throw, assert.
import type { Expression } from './ast-expressions.js';
import type { CatchClause, ClassicForStatement, Statement } from './ast-statements.js';
import { childrenOf, first, posOf } from './build-context.js';
import type { BuildContext } from './build-context.js';
import type { CstVisitor } from './cst-visitor.js';
import type * as C from './cst.js';
import { assignment, withoutLabels } from './statement-visitor.js';

export interface ControlFlowMethods {
  body(c: C.BodyCstChildren, ctx: BuildContext): Statement[];
  ifStatement(c: C.IfStatementCstChildren, ctx: BuildContext): Statement;
  condition(c: C.ConditionCstChildren, ctx: BuildContext): Expression;
  forStatement(c: C.ForStatementCstChildren, ctx: BuildContext): Statement;
  forClauses(c: C.ForClausesCstChildren, ctx: BuildContext): Omit<ClassicForStatement, 'kind' | 'body' | 'pos'>;
  forExpressions(c: C.ForExpressionsCstChildren, ctx: BuildContext): Statement[];
  forExpression(c: C.ForExpressionCstChildren, ctx: BuildContext): Statement;
  whileStatement(c: C.WhileStatementCstChildren, ctx: BuildContext): Statement;
  tryStatement(c: C.TryStatementCstChildren, ctx: BuildContext): Statement;
  catchClause(c: C.CatchClauseCstChildren, ctx: BuildContext): CatchClause;
  returnStatement(c: C.ReturnStatementCstChildren, ctx: BuildContext): Statement;
  throwStatement(c: C.ThrowStatementCstChildren, ctx: BuildContext): Statement;
  assertStatement(c: C.AssertStatementCstChildren, ctx: BuildContext): Statement;
}

export const controlFlowMethods: ControlFlowMethods & ThisType<CstVisitor> = {
  // The body of if/for/while: a block or one statement.
  body(c, ctx) {
    if (c.block) return withoutLabels(this.block(childrenOf(c.block), ctx), ctx);
    return [this.statement(childrenOf(c.statement ?? []), ctx)];
  },

  ifStatement(c, ctx) {
    const condition = this.condition(childrenOf(c.condition), ctx);
    const then = this.body(childrenOf(c.then), ctx);
    const otherwise = c.otherwise ? { otherwise: this.body(childrenOf(c.otherwise), ctx) } : {};
    return { kind: 'if', condition, then, ...otherwise, pos: posOf(first(c.If)) };
  },

  // ( condition )
  condition(c, ctx) {
    return this.expression(childrenOf(c.expression), ctx);
  },

  forStatement(c, ctx) {
    const body = this.body(childrenOf(c.body), ctx);
    const pos = posOf(first(c.For));
    if (c.forClauses) return { kind: 'classicFor', ...this.forClauses(childrenOf(c.forClauses), ctx), body, pos };
    return {
      kind: 'for',
      variable: first(c.name ?? []).image,
      iterable: this.expression(childrenOf(c.expression ?? []), ctx),
      body,
      pos,
    };
  },

  // init; condition; update
  forClauses(c, ctx) {
    const init = c.variableDeclaration
      ? [this.variableDeclaration(childrenOf(c.variableDeclaration), ctx)]
      : c.typedDeclaration
        ? [this.typedDeclaration(childrenOf(c.typedDeclaration), ctx)]
        : c.init
          ? this.forExpressions(childrenOf(c.init), ctx)
          : [];
    const condition = c.condition ? { condition: this.expression(childrenOf(c.condition), ctx) } : {};
    return { init, ...condition, update: c.update ? this.forExpressions(childrenOf(c.update), ctx) : [] };
  },

  forExpressions(c, ctx) {
    return c.forExpression.map((e) => this.forExpression(e.children, ctx));
  },

  // i++, i = 0, i += 2
  forExpression(c, ctx) {
    const expression = this.expression(childrenOf(c.expression), ctx);
    if (c.AssignOp && c.value)
      return assignment(expression, first(c.AssignOp).image, this.expression(childrenOf(c.value), ctx), ctx);
    return { kind: 'expressionStatement', expression, pos: expression.pos };
  },

  whileStatement(c, ctx) {
    return {
      kind: 'while',
      condition: this.condition(childrenOf(c.condition), ctx),
      body: this.body(childrenOf(c.body), ctx),
      pos: posOf(first(c.While)),
    };
  },

  // try { } catch (Type e) { } finally { }
  tryStatement(c, ctx) {
    const body = withoutLabels(this.block(childrenOf(c.block), ctx), ctx);
    const catches = (c.catchClause ?? []).map((clause) => this.catchClause(clause.children, ctx));
    const finallyBlock = c.finallyBlock
      ? { finally: withoutLabels(this.block(childrenOf(c.finallyBlock), ctx), ctx) }
      : {};
    return { kind: 'try', body, catches, ...finallyBlock, pos: posOf(first(c.Try)) };
  },

  // catch (A | B e) { }, or `catch (e)` catching anything.
  catchClause(c, ctx) {
    const names = c.qualifiedName.map((q) => this.qualifiedName(q.children));
    const body = withoutLabels(this.block(childrenOf(c.block), ctx), ctx);
    if (c.name) return { types: names, name: first(c.name).image, body, pos: posOf(first(c.Catch)) };
    return { types: [], name: names[0] ?? 'e', body, pos: posOf(first(c.Catch)) };
  },

  returnStatement(c, ctx) {
    return {
      kind: 'return',
      ...(c.expression ? { value: this.expression(childrenOf(c.expression), ctx) } : {}),
      pos: posOf(first(c.Return)),
    };
  },

  throwStatement(c, ctx) {
    return { kind: 'throw', value: this.expression(childrenOf(c.expression), ctx), pos: posOf(first(c.Throw)) };
  },

  // assert condition : message
  assertStatement(c, ctx) {
    const condition = this.expression(childrenOf(c.expression), ctx);
    const message = c.message ? { message: this.expression(childrenOf(c.message), ctx) } : {};
    return { kind: 'assert', condition, ...message, pos: posOf(first(c.Assert)) };
  },
};
