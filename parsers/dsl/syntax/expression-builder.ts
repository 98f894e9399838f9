// CST to AST for expressions: operator precedence, member/call chains, literals.
import type { IToken } from 'chevrotain';
import type { Arguments, BinaryOperator, Expression, NamedArgument, Navigation } from './ast-expressions.js';
import { errorAt, posOf } from './build-context.js';
import type { BuildContext } from './build-context.js';
import type * as C from './cst.js';
import { buildClosure, buildListOrMap } from './literal-builder.js';
import { buildString } from './strings.js';
import { checkSupportedCall } from './unsupported.js';
import * as T from './tokens.js';

// Binding strength of binary operators (higher binds tighter), as in Groovy.
const PRECEDENCE: Readonly<Record<string, number>> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<=>': 6, '=~': 6, '==~': 6, '<': 7, '<=': 7, '>': 7,
  '>=': 7, in: 7, instanceof: 7, as: 7, '<<': 8, '>>': 8, '..': 9, '..<': 9, '+': 10, '-': 10, '*': 11, '/': 11, '%': 11,
  '**': 12,
};

// expression: ternary, elvis or binary.
export function buildExpression(node: C.ExpressionCstNode, ctx: BuildContext): Expression {
  const c = node.children;
  const value = buildBinary(first(c.binaryExpression), ctx);
  if (c.whenTrue && c.whenFalse) {
    return { kind: 'ternary', condition: value, whenTrue: buildExpression(first(c.whenTrue), ctx), whenFalse: buildExpression(first(c.whenFalse), ctx), pos: value.pos };
  }
  if (c.fallback) return { kind: 'elvis', value, fallback: buildExpression(first(c.fallback), ctx), pos: value.pos };
  return value;
}

// Operands and operators in source order, folded by precedence climbing.
function buildBinary(node: C.BinaryExpressionCstNode, ctx: BuildContext): Expression {
  const operands = node.children.unaryExpression.map((u) => buildUnary(u, ctx));
  const operators = node.children.BinaryOp ?? [];
  let index = 0;
  const climb = (minimum: number): Expression => {
    let left = operands[index] as Expression;
    while (index < operators.length) {
      const op = operators[index] as IToken;
      const strength = PRECEDENCE[op.image] ?? 0;
      if (strength < minimum) break;
      index++;
      const right = climb(op.image === '**' ? strength : strength + 1);
      left = combine(op, left, right, ctx);
    }
    return left;
  };
  return climb(0);
}

// One binary node from an operator token.
function combine(op: IToken, left: Expression, right: Expression, ctx: BuildContext): Expression {
  const pos = left.pos;
  if (op.image === '..' || op.image === '..<') return { kind: 'range', from: left, to: right, exclusive: op.image === '..<', pos };
  if (op.image === 'as' || op.image === 'instanceof') return { kind: op.image, value: left, type: typeName(right, op, ctx), pos };
  return { kind: 'binary', operator: op.image as BinaryOperator, left, right, pos };
}

// The dotted name of a type after `as` / `instanceof`.
function typeName(expression: Expression, op: IToken, ctx: BuildContext): string {
  if (expression.kind === 'identifier') return expression.name;
  if (expression.kind === 'property' && expression.navigation === '.') return `${typeName(expression.object, op, ctx)}.${expression.name}`;
  throw errorAt(ctx, expression.pos, `expected a type name after \`${op.image}\``, `write a class name, e.g. \`x ${op.image} Integer\``);
}

// Prefix operators applied right to left.
function buildUnary(node: C.UnaryExpressionCstNode, ctx: BuildContext): Expression {
  const c = node.children;
  const prefixes = [...(c.Not ?? []), ...(c.Minus ?? []), ...(c.Plus ?? []), ...(c.Tilde ?? [])].sort((a, b) => a.startOffset - b.startOffset);
  let operand = buildPostfix(first(c.postfixExpression), ctx);
  for (const op of prefixes.reverse()) {
    if (op.image === '-' && operand.kind === 'number' && operand.pos.offset === op.startOffset + 1) {
      operand = { ...operand, value: -operand.value, raw: `-${operand.raw}`, pos: posOf(op) };
    } else operand = { kind: 'unary', operator: op.image as '!' | '-' | '+' | '~', operand, pos: posOf(op) };
  }
  return operand;
}

// A primary with its member accesses, calls, indexes and trailing closures, in order.
function buildPostfix(node: C.PostfixExpressionCstNode, ctx: BuildContext): Expression {
  let current = buildPrimary(first(node.children.primary), ctx);
  let previous: 'member' | 'call' | 'other' = 'other';
  for (const operation of node.children.postfixOperation ?? []) {
    const o = operation.children;
    if (o.memberAccess) {
      const m = first(o.memberAccess).children;
      const navigation = (m.SafeDot ? '?.' : m.SpreadDot ? '*.' : '.') as Navigation;
      const nameToken = first(m.AnyName ?? m.StringLiteral ?? []);
      const name = m.AnyName ? nameToken.image : stringName(nameToken, ctx);
      current = { kind: 'property', object: current, name, navigation, pos: current.pos };
      previous = 'member';
    } else if (o.callArguments) {
      current = applyCall(current, previous === 'member', buildCallArguments(first(o.callArguments), ctx), ctx);
      previous = 'call';
    } else if (o.closure) {
      const closure = buildClosure(first(o.closure), ctx);
      if (previous === 'call' && (current.kind === 'call' || current.kind === 'methodCall')) current = { ...current, args: [...current.args, closure] };
      else current = applyCall(current, previous === 'member', { args: [closure], namedArgs: [] }, ctx);
      previous = 'call';
    } else if (o.indexAccess) {
      const indices = first(o.indexAccess).children.expression.map((e) => buildExpression(e, ctx));
      current = { kind: 'index', object: current, indices, pos: current.pos };
      previous = 'other';
    } else {
      current = { kind: 'postfix', operator: o.Increment ? '++' : '--', operand: current, pos: current.pos };
      previous = 'other';
    }
  }
  return current;
}

// A call of `callee`: a method call when it is a member just accessed, a plain call otherwise.
export function applyCall(callee: Expression, member: boolean, args: Arguments, ctx: BuildContext, command = false): Expression {
  if (member && callee.kind === 'property') {
    const call = { kind: 'methodCall', object: callee.object, name: callee.name, navigation: callee.navigation, ...args, command, pos: callee.pos } as const;
    checkSupportedCall(call, ctx);
    return call;
  }
  return { kind: 'call', callee, ...args, command, pos: callee.pos };
}

// The name a quoted member denotes (`map.'key'`).
function stringName(token: IToken, ctx: BuildContext): string {
  const literal = buildString(token, ctx);
  if (literal.kind === 'string') return literal.value;
  throw errorAt(ctx, literal.pos, 'a member name cannot interpolate', 'use `object[expression]` to look up a computed name');
}

// (args) of a call.
export function buildCallArguments(node: C.CallArgumentsCstNode, ctx: BuildContext): Arguments {
  const list = node.children.argumentList?.[0];
  return list ? buildArgumentList(list.children.argument, ctx) : { args: [], namedArgs: [] };
}

// Positional and named arguments of a call or command.
export function buildArgumentList(nodes: readonly C.ArgumentCstNode[], ctx: BuildContext): Arguments {
  const args: Expression[] = [];
  const namedArgs: NamedArgument[] = [];
  for (const node of nodes) {
    const a = node.children;
    if (a.namedArgument) {
      const n = first(a.namedArgument).children;
      const key = first(n.AnyName ?? n.StringLiteral ?? []);
      namedArgs.push({ name: n.AnyName ? key.image : stringName(key, ctx), value: buildExpression(first(n.expression), ctx), pos: posOf(key) });
    } else if (a.spread && a.Star) args.push({ kind: 'spread', value: buildExpression(first(a.spread), ctx), pos: posOf(first(a.Star)) });
    else args.push(buildExpression(first(a.expression ?? []), ctx));
  }
  return { args, namedArgs };
}

// Literals, names, parentheses, lists, maps, closures, `new`.
function buildPrimary(node: C.PrimaryCstNode, ctx: BuildContext): Expression {
  const c = node.children;
  if (c.Identifier) return { kind: 'identifier', name: first(c.Identifier).image, pos: posOf(first(c.Identifier)) };
  if (c.StringLiteral) return buildString(first(c.StringLiteral), ctx);
  if (c.Integer || c.Decimal) return buildNumber(first(c.Integer ?? c.Decimal ?? []));
  if (c.True || c.False) return { kind: 'boolean', value: c.True !== undefined, pos: posOf(first(c.True ?? c.False ?? [])) };
  if (c.Null) return { kind: 'null', pos: posOf(first(c.Null)) };
  if (c.This) return { kind: 'this', pos: posOf(first(c.This)) };
  if (c.parenthesized) return buildExpression(first(first(c.parenthesized).children.expression), ctx);
  if (c.listOrMap) return buildListOrMap(first(c.listOrMap), ctx);
  if (c.closure) return buildClosure(first(c.closure), ctx);
  const n = first(c.newExpression ?? []).children;
  const type = first(n.qualifiedName).children.Identifier.map((t) => t.image).join('.');
  return { kind: 'new', type, ...buildCallArguments(first(n.callArguments), ctx), pos: posOf(first(n.New)) };
}

// A number token: integers keep their suffix in `raw` (10L, 2G).
export function buildNumber(token: IToken): Expression {
  const raw = token.image;
  const hex = /^0[xX]/.test(raw);
  const digits = raw.replace(/_/g, '').replace(hex ? /[lLgGiI]$/ : /[lLgGiIdDfF]$/, '');
  const integer = token.tokenType === T.Integer && !/[dDfF]$/.test(raw);
  const value = hex ? parseInt(digits, 16) : Number(digits);
  return { kind: 'number', value, raw, integer, pos: posOf(token) };
}

// The first element of a CST child list (the grammar guarantees it exists).
export function first<X>(items: readonly X[]): X {
  return items[0] as X;
}
