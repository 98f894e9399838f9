// Visitor methods for lists, maps and closures.
import type { ClosureExpression, Expression, MapEntry, Parameter } from './ast-expressions.js';
import type { Statement } from './ast-statements.js';
import { childrenOf, errorAt, first, posOf } from './build-context.js';
import type { BuildContext } from './build-context.js';
import type { CstVisitor } from './cst-visitor.js';
import type * as C from './cst.js';
import { buildNumber } from './expression-visitor.js';
import { buildString } from './strings.js';

// An element of a list literal: a map entry or a plain item.
export type Element = { readonly entry: MapEntry } | { readonly item: Expression };

export interface LiteralMethods {
  listOrMap(c: C.ListOrMapCstChildren, ctx: BuildContext): Expression;
  element(c: C.ElementCstChildren, ctx: BuildContext): Element;
  mapKey(c: C.MapKeyCstChildren, ctx: BuildContext): Expression;
  closure(c: C.ClosureCstChildren, ctx: BuildContext): ClosureExpression;
  lambda(c: C.LambdaCstChildren, ctx: BuildContext): ClosureExpression;
  parameter(c: C.ParameterCstChildren, ctx: BuildContext): Parameter;
}

export const literalMethods: LiteralMethods & ThisType<CstVisitor> = {
  // [a, b] or [k: v, …] or [:]; mixing entries and items is an error.
  listOrMap(c, ctx) {
    const pos = posOf(first(c.LBracket));
    if (c.Colon) return { kind: 'map', entries: [], pos };
    const entries: MapEntry[] = [];
    const items: Expression[] = [];
    for (const node of c.element ?? []) {
      const element = this.element(node.children, ctx);
      if ('entry' in element) entries.push(element.entry);
      else items.push(element.item);
    }
    if (entries.length > 0 && items.length > 0) {
      throw errorAt(
        ctx,
        pos,
        'a list literal mixes `key: value` entries with plain items',
        'write a map `[a: 1, b: 2]` or a list `[1, 2]`, not both',
      );
    }
    return entries.length > 0 ? { kind: 'map', entries, pos } : { kind: 'list', elements: items, pos };
  },

  // `key: value` (a name, string or number key, or any expression key such as `(k)`), or an item.
  element(c, ctx) {
    if (c.mapKey)
      return {
        entry: {
          key: this.mapKey(childrenOf(c.mapKey), ctx),
          value: this.expression(childrenOf(c.value ?? []), ctx),
          pos: posOf(first(c.Colon ?? [])),
        },
      };
    const item = this.expression(childrenOf(c.item ?? []), ctx);
    if (c.value) return { entry: { key: item, value: this.expression(childrenOf(c.value), ctx), pos: item.pos } };
    return { item };
  },

  // A map key written as a bare name (a string), a string or a number.
  mapKey(c, ctx) {
    if (c.AnyName) return { kind: 'string', value: first(c.AnyName).image, quote: "'", pos: posOf(first(c.AnyName)) };
    if (c.StringLiteral) return buildString(first(c.StringLiteral), ctx);
    return buildNumber(first(c.Integer ?? c.Decimal ?? []));
  },

  // { a, b -> … } or { … }; labels (`small: it < 5`) stay in the body, to be claimed by `branch` or `multiMap`.
  closure(c, ctx) {
    const items = this.blockStatements(childrenOf(c.blockStatements), ctx);
    const closure: ClosureExpression = {
      kind: 'closure',
      params: (c.parameter ?? []).map((p) => this.parameter(p.children, ctx)),
      explicitParameters: c.Arrow !== undefined,
      body: items as Statement[],
      pos: posOf(first(c.LCurly)),
    };
    if (items.some((item) => item.kind === 'label')) ctx.labelledClosures.add(closure);
    return closure;
  },

  // `x -> expression` or `(a, b) -> expression` as the closure `{ a, b -> expression }`; `x -> { statements }` as
  // `{ x -> statements }`.
  lambda(c, ctx) {
    const names = c.Identifier ?? [];
    const body = this.expression(childrenOf(c.expression), ctx);
    const block = body.kind === 'closure' && !body.explicitParameters;
    return {
      kind: 'closure',
      params: names.map((name) => ({ name: name.image, pos: posOf(name) })),
      explicitParameters: true,
      body: block ? body.body : [{ kind: 'expressionStatement', expression: body, pos: body.pos }],
      pos: posOf(first(c.LParen ?? names)),
    };
  },

  // name, Type name, name = default
  parameter(c, ctx) {
    const name = first(c.name);
    return {
      name: name.image,
      ...(c.type ? { type: first(c.type).image } : c.TypeAnnotation ? { type: first(c.TypeAnnotation).image } : {}),
      ...(c.defaultValue ? { defaultValue: this.expression(childrenOf(c.defaultValue), ctx) } : {}),
      pos: posOf(c.type ? first(c.type) : name),
    };
  },
};
