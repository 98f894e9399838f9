// Builds a class definition (Groovy, as in a pipeline's lib/ directory) from its CST: each member a field, a method
// or a constructor (a method named as the class, with no type), static or not.
import type { ClassDefinition, ClassMember } from './ast-script.js';
import { childrenOf, errorAt, first, posOf, type BuildContext } from './build-context.js';
import type { CstVisitor } from './cst-visitor.js';
import type * as C from './cst.js';
import { withoutLabels } from './statement-visitor.js';

// class Name { members }
export function buildClass(visitor: CstVisitor, c: C.ClassDefinitionCstChildren, ctx: BuildContext): ClassDefinition {
  const name = first(c.name).image;
  const members = (c.classMember ?? []).map((node): ClassMember => {
    const member = buildMember(visitor, node.children, ctx);
    const untyped = node.children.type === undefined && node.children.Def === undefined;
    return member.kind === 'method' && untyped && member.name === name ? { ...member, kind: 'constructor' } : member;
  });
  return { kind: 'class', name, members, pos: posOf(first(c.Class)) };
}

// One member: `[static] [def | Type] name(params) { body }` or `[static] [def | Type] name [= value]`.
export function buildMember(visitor: CstVisitor, c: C.ClassMemberCstChildren, ctx: BuildContext): ClassMember {
  const isStatic = (c.modifier ?? []).some((m) => m.image === 'static');
  const pos = posOf(first(c.modifier ?? c.Def ?? c.type ?? c.name));
  const name = first(c.name).image;
  if (c.block !== undefined) {
    if (c.Assign !== undefined)
      throw errorAt(ctx, posOf(first(c.Assign)), 'a method has no `=` after its body', 'remove the `= …`');
    return {
      kind: 'method',
      name,
      isStatic,
      params: (c.parameter ?? []).map((p) => visitor.parameter(p.children, ctx)),
      body: withoutLabels(visitor.block(childrenOf(c.block), ctx), ctx),
      pos,
    };
  }
  const value = c.value === undefined ? undefined : visitor.expression(childrenOf(c.value), ctx);
  return { kind: 'field', name, isStatic, params: [], body: [], value, pos };
}
