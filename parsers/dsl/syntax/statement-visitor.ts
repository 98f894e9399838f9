// Visitor methods for statements: blocks, assignments, declarations, command calls (control flow: control-flow-visitor.ts).
import type { IToken } from 'chevrotain';
import type { ParseError } from '../../../engine/errors.js';
import type { Arguments, Expression, Position } from './ast-expressions.js';
import type { Assignment, Destructuring, Statement } from './ast-statements.js';
import { childrenOf, errorAt, first, posOf } from './build-context.js';
import type { BuildContext } from './build-context.js';
import type { CstVisitor } from './cst-visitor.js';
import type * as C from './cst.js';
import { applyCall, collectArguments } from './expression-visitor.js';

// A section label such as `input:` or `main:`, kept in order among the statements of a body.
export interface Label {
  readonly kind: 'label';
  readonly name: string;
  readonly pos: Position;
}

export interface StatementMethods {
  block(c: C.BlockCstChildren, ctx: BuildContext): (Statement | Label)[];
  blockStatements(c: C.BlockStatementsCstChildren, ctx: BuildContext): (Statement | Label)[];
  blockItem(c: C.BlockItemCstChildren, ctx: BuildContext): Statement | Label;
  label(c: C.LabelCstChildren): Label;
  statement(c: C.StatementCstChildren, ctx: BuildContext): Statement;
  expressionStatement(c: C.ExpressionStatementCstChildren, ctx: BuildContext): Statement;
  commandArguments(c: C.CommandArgumentsCstChildren, ctx: BuildContext): Arguments;
  commandChain(c: C.CommandChainCstChildren, ctx: BuildContext): { readonly name: IToken; readonly args: Arguments };
  variableDeclaration(c: C.VariableDeclarationCstChildren, ctx: BuildContext): Statement;
  typedDeclaration(c: C.TypedDeclarationCstChildren, ctx: BuildContext): Statement;
  typedName(c: C.TypedNameCstChildren, ctx: BuildContext): Statement;
  destructuring(c: C.DestructuringCstChildren, ctx: BuildContext): Destructuring;
  importStatement(c: C.ImportStatementCstChildren): Statement;
}

export const statementMethods: StatementMethods & ThisType<CstVisitor> = {
  // The labels and statements of a `{ … }` block.
  block(c, ctx) {
    return this.blockStatements(childrenOf(c.blockStatements), ctx);
  },

  // The labels and statements of a body in source order.
  blockStatements(c, ctx) {
    return (c.blockItem ?? []).map((item) => this.blockItem(item.children, ctx));
  },

  blockItem(c, ctx) {
    if (c.label) return this.label(childrenOf(c.label));
    return this.statement(childrenOf(c.statement ?? []), ctx);
  },

  label(c) {
    const name = first(c.Identifier);
    return { kind: 'label', name: name.image, pos: posOf(name) };
  },

  statement(c, ctx) {
    if (c.expressionStatement) return this.expressionStatement(childrenOf(c.expressionStatement), ctx);
    if (c.variableDeclaration) return this.variableDeclaration(childrenOf(c.variableDeclaration), ctx);
    if (c.typedDeclaration) return this.typedDeclaration(childrenOf(c.typedDeclaration), ctx);
    if (c.typedName) return this.typedName(childrenOf(c.typedName), ctx);
    if (c.destructuring) return this.destructuring(childrenOf(c.destructuring), ctx);
    if (c.ifStatement) return this.ifStatement(childrenOf(c.ifStatement), ctx);
    if (c.forStatement) return this.forStatement(childrenOf(c.forStatement), ctx);
    if (c.whileStatement) return this.whileStatement(childrenOf(c.whileStatement), ctx);
    if (c.tryStatement) return this.tryStatement(childrenOf(c.tryStatement), ctx);
    if (c.returnStatement) return this.returnStatement(childrenOf(c.returnStatement), ctx);
    if (c.throwStatement) return this.throwStatement(childrenOf(c.throwStatement), ctx);
    if (c.assertStatement) return this.assertStatement(childrenOf(c.assertStatement), ctx);
    if (c.importStatement) return this.importStatement(childrenOf(c.importStatement));
    return { kind: c.Break ? 'break' : 'continue', pos: posOf(first(c.Break ?? c.Continue ?? [])) };
  },

  // An expression, an assignment, or a command call (`println x`, `publishDir dir, mode: 'copy'`, `val x from ch`).
  expressionStatement(c, ctx) {
    const expression = this.expression(childrenOf(c.expression), ctx);
    if (c.AssignOp && c.value)
      return assignment(expression, first(c.AssignOp).image, this.expression(childrenOf(c.value), ctx), ctx);
    if (c.trailing) return trailingArguments(expression, this.commandArguments(childrenOf(c.trailing), ctx), ctx);
    if (!c.commandArguments) return { kind: 'expressionStatement', expression, pos: expression.pos };
    if (expression.kind !== 'identifier' && !(expression.kind === 'property' && expression.navigation !== '*.')) {
      const at = childrenOf(childrenOf(c.commandArguments).argument);
      const named = at.namedArgument === undefined ? undefined : childrenOf(at.namedArgument); // `a == b c: 1`
      throw errorAt(
        ctx,
        named === undefined
          ? this.expression(childrenOf(at.expression ?? at.spread ?? []), ctx).pos
          : posOf(first(named.AnyName ?? named.StringLiteral ?? named.Colon ?? named.TypeAnnotation ?? [])),
        'unexpected argument: only a name or `object.method` can take arguments without parentheses',
        'add the missing operator or comma, or call with parentheses: `name(arg)`',
      );
    }
    let call = applyCall(
      expression,
      expression.kind === 'property',
      this.commandArguments(childrenOf(c.commandArguments), ctx),
      ctx,
      true,
    );
    for (const link of c.commandChain ?? []) {
      const { name, args } = this.commandChain(link.children, ctx);
      call = {
        kind: 'methodCall',
        object: call,
        name: name.image,
        navigation: '.',
        ...args,
        command: true,
        pos: call.pos,
      };
    }
    return { kind: 'expressionStatement', expression: call, pos: call.pos };
  },

  commandArguments(c, ctx) {
    return collectArguments(c.argument.map((a) => this.argument(a.children, ctx)));
  },

  // The `c d` of `a b c d`: a method called on the command before it.
  commandChain(c, ctx) {
    return { name: first(c.Identifier), args: this.commandArguments(childrenOf(c.commandArguments), ctx) };
  },

  // def x = 1, def x, def (a, b) = pair
  variableDeclaration(c, ctx) {
    if (c.destructuring)
      return { ...this.destructuring(childrenOf(c.destructuring), ctx), declared: true, pos: posOf(first(c.Def)) };
    const value = c.expression ? { value: this.expression(childrenOf(c.expression), ctx) } : {};
    const type = c.TypeAnnotation
      ? { type: first(c.TypeAnnotation).image }
      : c.javaType
        ? { type: first(c.javaType).image }
        : {};
    return {
      kind: 'variableDeclaration',
      name: first(c.name ?? []).image,
      ...type,
      ...value,
      pos: posOf(first(c.Def)),
    };
  },

  // name: Type, name: Type = value
  typedName(c, ctx) {
    const name = first(c.name);
    const value = c.expression ? { value: this.expression(childrenOf(c.expression), ctx) } : {};
    return { kind: 'typedName', name: name.image, type: first(c.TypeAnnotation).image, ...value, pos: posOf(name) };
  },

  // String name = value
  typedDeclaration(c, ctx) {
    return {
      kind: 'variableDeclaration',
      name: first(c.name).image,
      type: first(c.type).image,
      value: this.expression(childrenOf(c.expression), ctx),
      pos: posOf(first(c.type)),
    };
  },

  // (a, b) = value
  destructuring(c, ctx) {
    return {
      kind: 'destructuring',
      names: c.name.map((t) => t.image),
      declared: false,
      value: this.expression(childrenOf(c.expression), ctx),
      pos: posOf(first(c.LParen)),
    };
  },

  // import a.b.C, import a.b.*
  importStatement(c) {
    return {
      kind: 'import',
      name: this.qualifiedName(childrenOf(c.qualifiedName)),
      wildcard: c.Star !== undefined,
      pos: posOf(first(c.Import)),
    };
  },
};

// The statements of a body where labels have no meaning (closures, functions, if/for/while).
export function withoutLabels(items: readonly (Statement | Label)[], ctx: BuildContext): Statement[] {
  return items.map((item) => {
    if (item.kind !== 'label') return item;
    throw unexpectedLabel(item, ctx);
  });
}

// The error for a label where none can go.
export function unexpectedLabel(label: Label, ctx: BuildContext): ParseError {
  const hint =
    'section labels such as `input:` or `main:` only go directly inside a process or workflow body, and case labels such as `small:` in the closure of `ch.branch { … }` or `ch.multiMap { … }`';
  return errorAt(ctx, label.pos, `unexpected label \`${label.name}:\``, hint);
}

// Fails on the first label of a closure that no `branch` or `multiMap` claimed.
export function checkLabelledClosures(ctx: BuildContext): void {
  const labels = [...ctx.labelledClosures].flatMap((closure) =>
    (closure.body as readonly (Statement | Label)[]).filter((item): item is Label => item.kind === 'label'),
  );
  const earliest = labels.sort((a, b) => a.pos.offset - b.pos.offset)[0];
  if (earliest !== undefined) throw unexpectedLabel(earliest, ctx);
}

// target = value (and +=, -=, *=, /=), checking the target can be assigned.
export function assignment(target: Expression, operator: string, value: Expression, ctx: BuildContext): Assignment {
  if (target.kind !== 'identifier' && target.kind !== 'property' && target.kind !== 'index') {
    throw errorAt(
      ctx,
      target.pos,
      `cannot assign to this ${target.kind} expression`,
      'assign to a name (`x = 1`), a property (`params.x = 1`) or an index (`list[0] = 1`); to compare, write `==`',
    );
  }
  return { kind: 'assignment', target, operator: operator as Assignment['operator'], value, pos: target.pos };
}

// `name(a), b: c` as the one call `name(a, b: c)`; after anything but a parenthesised call, the comma is an error.
function trailingArguments(expression: Expression, args: Arguments, ctx: BuildContext): Statement {
  if (expression.kind !== 'call' || expression.command)
    throw errorAt(
      ctx,
      expression.pos,
      'unexpected `,` after an expression',
      "only a call such as `path('*.txt'), emit: txt` takes more arguments after a comma",
    );
  const call = {
    ...expression,
    args: [...expression.args, ...args.args],
    namedArgs: [...expression.namedArgs, ...args.namedArgs],
  };
  return { kind: 'expressionStatement', expression: call, pos: call.pos };
}
