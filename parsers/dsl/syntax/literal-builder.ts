// CST to AST for lists, maps and closures.
import type { ClosureExpression, Expression, MapEntry, Parameter } from './ast-expressions.js';
import { errorAt, posOf } from './build-context.js';
import type { BuildContext } from './build-context.js';
import type * as C from './cst.js';
import { buildExpression, buildNumber, first } from './expression-builder.js';
import { buildStatements } from './statement-builder.js';
import { buildString } from './strings.js';

// [a, b] or [k: v, …] or [:]; mixing entries and items is an error.
export function buildListOrMap(node: C.ListOrMapCstNode, ctx: BuildContext): Expression {
  const c = node.children;
  const pos = posOf(first(c.LBracket));
  if (c.Colon) return { kind: 'map', entries: [], pos };
  const elements = c.element ?? [];
  const entries: MapEntry[] = [];
  const items: Expression[] = [];
  for (const element of elements) {
    const e = element.children;
    if (e.mapKey) entries.push({ key: buildKey(first(e.mapKey), ctx), value: buildExpression(first(e.value ?? []), ctx), pos: posOf(first(e.Colon ?? [])) });
    else if (e.value) {
      const key = buildExpression(first(e.item ?? []), ctx);
      entries.push({ key, value: buildExpression(first(e.value), ctx), pos: key.pos });
    } else items.push(buildExpression(first(e.item ?? []), ctx));
  }
  if (entries.length > 0 && items.length > 0) {
    throw errorAt(ctx, pos, 'a list literal mixes `key: value` entries with plain items', 'write a map `[a: 1, b: 2]` or a list `[1, 2]`, not both');
  }
  return entries.length > 0 ? { kind: 'map', entries, pos } : { kind: 'list', elements: items, pos };
}

// A map key written as a bare name (a string), a string or a number.
function buildKey(node: C.MapKeyCstNode, ctx: BuildContext): Expression {
  const c = node.children;
  if (c.AnyName) return { kind: 'string', value: first(c.AnyName).image, quote: "'", pos: posOf(first(c.AnyName)) };
  if (c.StringLiteral) return buildString(first(c.StringLiteral), ctx);
  return buildNumber(first(c.Integer ?? c.Decimal ?? []));
}

// { a, b -> … } or { … }
export function buildClosure(node: C.ClosureCstNode, ctx: BuildContext): ClosureExpression {
  const c = node.children;
  return {
    kind: 'closure',
    params: (c.parameter ?? []).map((p) => buildParameter(p, ctx)),
    explicitParameters: c.Arrow !== undefined,
    body: buildStatements(first(c.blockStatements), ctx),
    pos: posOf(first(c.LCurly)),
  };
}

// name, Type name, name = default
export function buildParameter(node: C.ParameterCstNode, ctx: BuildContext): Parameter {
  const c = node.children;
  const name = first(c.name);
  return {
    name: name.image,
    ...(c.type ? { type: first(c.type).image } : {}),
    ...(c.defaultValue ? { defaultValue: buildExpression(first(c.defaultValue), ctx) } : {}),
    pos: posOf(c.type ? first(c.type) : name),
  };
}
