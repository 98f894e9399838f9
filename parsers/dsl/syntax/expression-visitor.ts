// Visitor methods for expressions: operands folded by precedence (binary-operators.ts), member/call chains, arguments,
// primaries.
import type { IToken } from 'chevrotain';
import type {
  Arguments,
  ClosureExpression,
  Expression,
  NamedArgument,
  Navigation,
  Position,
} from './ast-expressions.js';
import { childrenOf, errorAt, first, posOf } from './build-context.js';
import type { BuildContext } from './build-context.js';
import type { CstVisitor } from './cst-visitor.js';
import type * as C from './cst.js';
import { binary } from './binary-operators.js';
import { buildString } from './strings.js';
import { checkSupportedCall } from './unsupported.js';
import * as T from './tokens.js';

// One step after a primary: `.name`, `(args)`, `[i]`, a trailing closure, `++` / `--`.
export type PostfixStep =
  | { readonly kind: 'member'; readonly name: string; readonly navigation: Navigation }
  | { readonly kind: 'call'; readonly args: Arguments }
  | { readonly kind: 'closure'; readonly closure: ClosureExpression }
  | { readonly kind: 'index'; readonly indices: readonly Expression[] }
  | { readonly kind: 'postfix'; readonly operator: '++' | '--' };

// An argument of a call: named (`mode: 'copy'`) or positional (spread included).
export type ArgumentItem = { readonly named: NamedArgument } | { readonly positional: Expression };

export interface ExpressionMethods {
  expression(c: C.ExpressionCstChildren, ctx: BuildContext): Expression;
  operand(c: C.OperandCstChildren, ctx: BuildContext): Expression;
  postfixOperation(c: C.PostfixOperationCstChildren, ctx: BuildContext): PostfixStep;
  callArguments(c: C.CallArgumentsCstChildren, ctx: BuildContext): Arguments;
  argumentList(c: C.ArgumentListCstChildren, ctx: BuildContext): Arguments;
  argument(c: C.ArgumentCstChildren, ctx: BuildContext): ArgumentItem;
  namedArgument(c: C.NamedArgumentCstChildren, ctx: BuildContext): NamedArgument;
  indexAccess(c: C.IndexAccessCstChildren, ctx: BuildContext): Expression[];
  parenthesized(c: C.ParenthesizedCstChildren, ctx: BuildContext): Expression;
  newExpression(c: C.NewExpressionCstChildren, ctx: BuildContext): Expression;
  qualifiedName(c: C.QualifiedNameCstChildren): string;
}

export const expressionMethods: ExpressionMethods & ThisType<CstVisitor> = {
  // Operands folded by operator precedence (most expressions are one operand), then ternary or elvis.
  expression(c, ctx) {
    const value = c.BinaryOp
      ? binary(
          c.operand.map((o) => this.operand(o.children, ctx)),
          c.BinaryOp,
          ctx,
        )
      : this.operand(childrenOf(c.operand), ctx);
    if (c.whenTrue && c.whenFalse) {
      return {
        kind: 'ternary',
        condition: value,
        whenTrue: this.expression(childrenOf(c.whenTrue), ctx),
        whenFalse: this.expression(childrenOf(c.whenFalse), ctx),
        pos: value.pos,
      };
    }
    if (c.fallback)
      return { kind: 'elvis', value, fallback: this.expression(childrenOf(c.fallback), ctx), pos: value.pos };
    return value;
  },

  // A primary with its member accesses, calls, indexes and trailing closures in order, then prefix operators applied
  // right to left (`-` directly before a number negates the literal).
  operand(c, ctx) {
    let current = primary(this, c, ctx);
    let previous: PostfixStep['kind'] | 'start' = 'start';
    for (const operation of c.postfixOperation ?? []) {
      const step = this.postfixOperation(operation.children, ctx);
      if (step.kind === 'member')
        current = { kind: 'property', object: current, name: step.name, navigation: step.navigation, pos: current.pos };
      else if (step.kind === 'call') current = applyCall(current, previous === 'member', step.args, ctx);
      else if (step.kind === 'closure') {
        const closure = step.closure;
        const calledJustBefore = previous === 'call' || previous === 'closure';
        if (calledJustBefore && (current.kind === 'call' || current.kind === 'methodCall'))
          current = { ...current, args: [...current.args, closure] };
        else current = applyCall(current, previous === 'member', { args: [closure], namedArgs: [] }, ctx);
        claimForkClosures(current, ctx);
      } else if (step.kind === 'index')
        current = { kind: 'index', object: current, indices: step.indices, pos: current.pos };
      else current = { kind: 'postfix', operator: step.operator, operand: current, pos: current.pos };
      previous = step.kind;
    }
    if (!c.Not && !c.Minus && !c.Plus && !c.Tilde) return current;
    const prefixes = [...(c.Not ?? []), ...(c.Minus ?? []), ...(c.Plus ?? []), ...(c.Tilde ?? [])].sort(
      (a, b) => a.startOffset - b.startOffset,
    );
    for (const op of prefixes.reverse()) {
      if (op.image === '-' && current.kind === 'number' && current.pos.offset === op.startOffset + 1) {
        current = { ...current, value: -current.value, raw: `-${current.raw}`, pos: posOf(op) };
      } else current = { kind: 'unary', operator: op.image as '!' | '-' | '+' | '~', operand: current, pos: posOf(op) };
    }
    return current;
  },

  // .name, ?.name, *.name, .'quoted name', (args), [index], a trailing closure, ++, --.
  postfixOperation(c, ctx) {
    if (c.AnyName || c.StringLiteral) {
      const navigation: Navigation = c.SafeDot ? '?.' : c.SpreadDot ? '*.' : '.';
      const name = c.AnyName ? first(c.AnyName).image : stringName(first(c.StringLiteral ?? []), ctx);
      return { kind: 'member', name, navigation };
    }
    if (c.callArguments) return { kind: 'call', args: this.callArguments(childrenOf(c.callArguments), ctx) };
    if (c.closure) return { kind: 'closure', closure: this.closure(childrenOf(c.closure), ctx) };
    if (c.indexAccess) return { kind: 'index', indices: this.indexAccess(childrenOf(c.indexAccess), ctx) };
    return { kind: 'postfix', operator: c.Increment ? '++' : '--' };
  },

  // (args) of a call.
  callArguments(c, ctx) {
    return c.argumentList ? this.argumentList(childrenOf(c.argumentList), ctx) : { args: [], namedArgs: [] };
  },

  argumentList(c, ctx) {
    return collectArguments(c.argument.map((a) => this.argument(a.children, ctx)));
  },

  argument(c, ctx) {
    if (c.namedArgument) return { named: this.namedArgument(childrenOf(c.namedArgument), ctx) };
    if (c.spread && c.Star)
      return {
        positional: { kind: 'spread', value: this.expression(childrenOf(c.spread), ctx), pos: posOf(first(c.Star)) },
      };
    return { positional: this.expression(childrenOf(c.expression ?? []), ctx) };
  },

  // name: value, 'name': value
  namedArgument(c, ctx) {
    const key = first(c.AnyName ?? c.StringLiteral ?? []);
    return {
      name: c.AnyName ? key.image : stringName(key, ctx),
      value: c.TypeAnnotation
        ? typeValue(first(c.TypeAnnotation).image, posOf(first(c.TypeAnnotation)))
        : this.expression(childrenOf(c.expression ?? []), ctx),
      pos: posOf(key),
    };
  },

  indexAccess(c, ctx) {
    return c.expression.map((e) => this.expression(e.children, ctx));
  },

  parenthesized(c, ctx) {
    return this.expression(childrenOf(c.expression), ctx);
  },

  // new File(path), new java.util.Date()
  newExpression(c, ctx) {
    return {
      kind: 'new',
      type: this.qualifiedName(childrenOf(c.qualifiedName)),
      ...this.callArguments(childrenOf(c.callArguments), ctx),
      pos: posOf(first(c.New)),
    };
  },

  // a.b.C as a dotted string.
  qualifiedName(c) {
    return c.Identifier.map((t) => t.image).join('.');
  },
};

// The literal, name, parenthesized expression, list, map, closure or `new` an operand starts with.
function primary(visitor: CstVisitor, c: C.OperandCstChildren, ctx: BuildContext): Expression {
  if (c.lambda) return visitor.lambda(childrenOf(c.lambda), ctx);
  if (c.Identifier) return { kind: 'identifier', name: first(c.Identifier).image, pos: posOf(first(c.Identifier)) };
  if (c.StringLiteral) return buildString(first(c.StringLiteral), ctx);
  if (c.Integer || c.Decimal) return buildNumber(first(c.Integer ?? c.Decimal ?? []));
  if (c.True || c.False)
    return { kind: 'boolean', value: c.True !== undefined, pos: posOf(first(c.True ?? c.False ?? [])) };
  if (c.Null) return { kind: 'null', pos: posOf(first(c.Null)) };
  if (c.This) return { kind: 'this', pos: posOf(first(c.This)) };
  if (c.parenthesized) return visitor.parenthesized(childrenOf(c.parenthesized), ctx);
  if (c.listOrMap) return visitor.listOrMap(childrenOf(c.listOrMap), ctx);
  if (c.closure) return visitor.closure(childrenOf(c.closure), ctx);
  return visitor.newExpression(childrenOf(c.newExpression ?? []), ctx);
}

// Positional and named arguments from the arguments of a call or command, in order.
export function collectArguments(items: readonly ArgumentItem[]): Arguments {
  const args: Expression[] = [];
  const namedArgs: NamedArgument[] = [];
  for (const item of items) {
    if ('named' in item) namedArgs.push(item.named);
    else args.push(item.positional);
  }
  return { args, namedArgs };
}

// A call of `callee`: a method call when it is a member just accessed, a plain call otherwise.
export function applyCall(
  callee: Expression,
  member: boolean,
  args: Arguments,
  ctx: BuildContext,
  command = false,
): Expression {
  if (member && callee.kind === 'property') {
    const call = {
      kind: 'methodCall',
      object: callee.object,
      name: callee.name,
      navigation: callee.navigation,
      ...args,
      command,
      pos: callee.pos,
    } as const;
    checkSupportedCall(call, ctx);
    claimForkClosures(call, ctx);
    return call;
  }
  const call = { kind: 'call', callee, ...args, command, pos: callee.pos } as const;
  claimForkClosures(call, ctx);
  return call;
}

// The calls whose closure may hold labels naming output channels: `ch.branch { … }`, `ch.multiMap { … }`, their
// pipe forms `ch | branch { … }`, and `branchCriteria { … }` / `multiMapCriteria { … }`.
const FORK_CALLS = new Set(['branch', 'multiMap', 'branchCriteria', 'multiMapCriteria']);

function claimForkClosures(call: Expression, ctx: BuildContext): void {
  const name =
    call.kind === 'methodCall'
      ? call.name
      : call.kind === 'call' && call.callee.kind === 'identifier'
        ? call.callee.name
        : '';
  if (!FORK_CALLS.has(name) || (call.kind !== 'methodCall' && call.kind !== 'call')) return;
  for (const arg of call.args) if (arg.kind === 'closure') ctx.labelledClosures.delete(arg);
}

// The name a quoted member or named argument denotes (`map.'key'`).
function stringName(token: IToken, ctx: BuildContext): string {
  const literal = buildString(token, ctx);
  if (literal.kind === 'string') return literal.value;
  throw errorAt(
    ctx,
    literal.pos,
    'a member name cannot interpolate',
    'use `object[expression]` to look up a computed name',
  );
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

// A type written as a named argument's value: a dotted name (`Mode.COPY`, which may be a constant) as property
// accesses, any other type (`List<Path>`, `Path?`) as a name holding its text.
function typeValue(image: string, pos: Position): Expression {
  if (!/^\w+(\.\w+)*$/.test(image)) return { kind: 'identifier', name: image, pos };
  const [head, ...rest] = image.split('.');
  return rest.reduce<Expression>((object, name) => ({ kind: 'property', object, name, navigation: '.', pos }), {
    kind: 'identifier',
    name: head as string,
    pos,
  });
}
