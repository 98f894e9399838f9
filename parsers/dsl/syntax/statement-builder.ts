// CST to AST for statements: assignments, declarations, command calls, control flow.
import type { Expression, Position } from './ast-expressions.js';
import type { Assignment, CatchClause, Statement } from './ast-statements.js';
import { errorAt, posOf } from './build-context.js';
import type { BuildContext } from './build-context.js';
import type * as C from './cst.js';
import { applyCall, buildArgumentList, buildExpression, first } from './expression-builder.js';

// A section label such as `input:` or `main:`, kept in order among the statements of a body.
export interface Label {
  readonly kind: 'label';
  readonly name: string;
  readonly pos: Position;
}

// The labels and statements of a `{ … }` body in source order.
export function buildBlockItems(node: C.BlockStatementsCstNode, ctx: BuildContext): (Statement | Label)[] {
  return (node.children.blockItem ?? []).map((item) => {
    const label = item.children.label?.[0];
    if (label) return { kind: 'label', name: first(label.children.Identifier).image, pos: posOf(first(label.children.Identifier)) };
    return buildStatement(first(item.children.statement ?? []), ctx);
  });
}

// The statements of a body where labels have no meaning (closures, functions, if/for/while).
export function buildStatements(node: C.BlockStatementsCstNode, ctx: BuildContext): Statement[] {
  return buildBlockItems(node, ctx).map((item) => {
    if (item.kind !== 'label') return item;
    throw errorAt(ctx, item.pos, `unexpected label \`${item.name}:\``, 'section labels such as `input:` or `main:` only go directly inside a process or workflow body');
  });
}

// One statement.
export function buildStatement(node: C.StatementCstNode, ctx: BuildContext): Statement {
  const c = node.children;
  if (c.expressionStatement) return buildExpressionStatement(first(c.expressionStatement), ctx);
  if (c.variableDeclaration) {
    const v = first(c.variableDeclaration).children;
    if (v.destructuring) return { ...buildDestructuring(first(v.destructuring), ctx), declared: true, pos: posOf(first(v.Def)) };
    const value = v.expression ? { value: buildExpression(first(v.expression), ctx) } : {};
    return { kind: 'variableDeclaration', name: first(v.name ?? []).image, ...value, pos: posOf(first(v.Def)) };
  }
  if (c.typedDeclaration) {
    const t = first(c.typedDeclaration).children;
    return { kind: 'variableDeclaration', name: first(t.name).image, type: first(t.type).image, value: buildExpression(first(t.expression), ctx), pos: posOf(first(t.type)) };
  }
  if (c.destructuring) return buildDestructuring(first(c.destructuring), ctx);
  if (c.ifStatement) {
    const i = first(c.ifStatement).children;
    const otherwise = i.otherwise ? { otherwise: buildBody(first(i.otherwise), ctx) } : {};
    return { kind: 'if', condition: buildCondition(first(i.condition), ctx), then: buildBody(first(i.then), ctx), ...otherwise, pos: posOf(first(i.If)) };
  }
  if (c.forStatement) {
    const f = first(c.forStatement).children;
    return { kind: 'for', variable: first(f.name).image, iterable: buildExpression(first(f.expression), ctx), body: buildBody(first(f.body), ctx), pos: posOf(first(f.For)) };
  }
  if (c.whileStatement) {
    const w = first(c.whileStatement).children;
    return { kind: 'while', condition: buildCondition(first(w.condition), ctx), body: buildBody(first(w.body), ctx), pos: posOf(first(w.While)) };
  }
  if (c.tryStatement) return buildTry(first(c.tryStatement), ctx);
  if (c.returnStatement) {
    const r = first(c.returnStatement).children;
    return { kind: 'return', ...(r.expression ? { value: buildExpression(first(r.expression), ctx) } : {}), pos: posOf(first(r.Return)) };
  }
  if (c.throwStatement) {
    const t = first(c.throwStatement).children;
    return { kind: 'throw', value: buildExpression(first(t.expression), ctx), pos: posOf(first(t.Throw)) };
  }
  if (c.assertStatement) {
    const a = first(c.assertStatement).children;
    const message = a.message ? { message: buildExpression(first(a.message), ctx) } : {};
    return { kind: 'assert', condition: buildExpression(first(a.expression), ctx), ...message, pos: posOf(first(a.Assert)) };
  }
  if (c.importStatement) {
    const i = first(c.importStatement).children;
    const name = first(i.qualifiedName).children.Identifier.map((t) => t.image).join('.');
    return { kind: 'import', name, wildcard: i.Star !== undefined, pos: posOf(first(i.Import)) };
  }
  const jump = first(c.Break ?? c.Continue ?? []);
  return { kind: c.Break ? 'break' : 'continue', pos: posOf(jump) };
}

// An expression, an assignment, or a command call (`println x`, `publishDir dir, mode: 'copy'`, `val x from ch`).
function buildExpressionStatement(node: C.ExpressionStatementCstNode, ctx: BuildContext): Statement {
  const c = node.children;
  const expression = buildExpression(first(c.expression), ctx);
  if (c.AssignOp && c.value) return buildAssignment(expression, first(c.AssignOp).image, buildExpression(first(c.value), ctx), ctx);
  if (!c.commandArguments) return { kind: 'expressionStatement', expression, pos: expression.pos };
  if (expression.kind !== 'identifier' && !(expression.kind === 'property' && expression.navigation !== '*.')) {
    const at = first(first(c.commandArguments).children.argument);
    throw errorAt(ctx, buildExpression(first(at.children.expression ?? at.children.spread ?? []), ctx).pos, 'unexpected argument: only a name or `object.method` can take arguments without parentheses', 'add the missing operator or comma, or call with parentheses: `name(arg)`');
  }
  let call = applyCall(expression, expression.kind === 'property', buildArgumentList(first(c.commandArguments).children.argument, ctx), ctx, true);
  for (const link of c.commandChain ?? []) {
    const name = first(link.children.Identifier);
    const args = buildArgumentList(first(link.children.commandArguments).children.argument, ctx);
    call = { kind: 'methodCall', object: call, name: name.image, navigation: '.', ...args, command: true, pos: call.pos };
  }
  return { kind: 'expressionStatement', expression: call, pos: call.pos };
}

// target = value (and +=, -=, *=, /=), checking the target can be assigned.
function buildAssignment(target: Expression, operator: string, value: Expression, ctx: BuildContext): Assignment {
  if (target.kind !== 'identifier' && target.kind !== 'property' && target.kind !== 'index') {
    throw errorAt(ctx, target.pos, `cannot assign to this ${target.kind} expression`, 'assign to a name (`x = 1`), a property (`params.x = 1`) or an index (`list[0] = 1`); to compare, write `==`');
  }
  return { kind: 'assignment', target, operator: operator as Assignment['operator'], value, pos: target.pos };
}

// (a, b) = value
function buildDestructuring(node: C.DestructuringCstNode, ctx: BuildContext): Statement & { kind: 'destructuring' } {
  const d = node.children;
  return { kind: 'destructuring', names: d.name.map((t) => t.image), declared: false, value: buildExpression(first(d.expression), ctx), pos: posOf(first(d.LParen)) };
}

// The body of if/for/while: a block or one statement.
function buildBody(node: C.BodyCstNode, ctx: BuildContext): Statement[] {
  const block = node.children.block?.[0];
  if (block) return buildStatements(first(block.children.blockStatements), ctx);
  return [buildStatement(first(node.children.statement ?? []), ctx)];
}

// ( condition )
function buildCondition(node: C.ConditionCstNode, ctx: BuildContext): Expression {
  return buildExpression(first(node.children.expression), ctx);
}

// try { } catch (Type e) { } finally { }
function buildTry(node: C.TryStatementCstNode, ctx: BuildContext): Statement {
  const t = node.children;
  const catches: CatchClause[] = (t.catchClause ?? []).map((clause) => {
    const k = clause.children;
    const names = k.qualifiedName.map((q) => q.children.Identifier.map((i) => i.image).join('.'));
    const body = buildStatements(first(first(k.block).children.blockStatements), ctx);
    if (k.name) return { types: names, name: first(k.name).image, body, pos: posOf(first(k.Catch)) };
    return { types: [], name: names[0] ?? 'e', body, pos: posOf(first(k.Catch)) };
  });
  const finallyBlock = t.finallyBlock ? { finally: buildStatements(first(first(t.finallyBlock).children.blockStatements), ctx) } : {};
  return { kind: 'try', body: buildStatements(first(first(t.block).children.blockStatements), ctx), catches, ...finallyBlock, pos: posOf(first(t.Try)) };
}
