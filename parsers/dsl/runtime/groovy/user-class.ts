// Groovy classes a pipeline defines (in its lib/ directory, or in a script): the class object holds the static
// fields and methods (`Foo.hello()`, `Foo.VERSION`), `new Foo(…)` makes an instance with its fields, methods and
// `this`. Inside a method the class's fields and methods are reached by their bare names, as in Groovy.
import type { ClassDefinition, ClassMember } from '../../syntax/ast-script.js';
import type { Position } from '../../syntax/ast-expressions.js';
import { type DslModule, type EvalContext, evaluate, runBody } from '../eval/context.js';
import { scriptError } from '../eval/script-error.js';
import { childScope, type Scope } from '../eval/scope.js';
import type { DslClosure } from '../values/values.js';
import type { HostMethod, HostObject } from './host-object.js';

// A class once its static fields are set: their scope (with the static methods), and the class object.
interface ClassState {
  readonly scope: Scope;
  readonly object: HostObject;
}

const states = new WeakMap<ClassDefinition, ClassState>();

// The members of one kind, static or not.
function membersOf(def: ClassDefinition, kind: ClassMember['kind'], isStatic?: boolean): ClassMember[] {
  return def.members.filter((m) => m.kind === kind && (isStatic === undefined || m.isStatic === isStatic));
}

// Runs a method or constructor body with its parameters bound inside `parent` (defaults for missing arguments).
function invoke(module: DslModule, member: ClassMember, parent: Scope, args: readonly unknown[]): unknown {
  const scope = childScope(parent);
  const ctx: EvalContext = { module, scope };
  member.params.forEach((p, i) => {
    scope.vars.set(p.name, i < args.length ? args[i] : p.defaultValue ? evaluate(ctx, p.defaultValue) : null);
  });
  return runBody(ctx, member.body);
}

// The overload of `name` that takes `count` arguments (else the first of that name), or undefined.
function overload(members: readonly ClassMember[], name: string, count: number): ClassMember | undefined {
  const named = members.filter((m) => m.name === name);
  const fits = (m: ClassMember): boolean =>
    m.params.length === count || (m.params.length > count && m.params[count]?.defaultValue !== undefined);
  return named.find(fits) ?? named[0];
}

// Methods as a host object's table and as closures in a scope (called by bare name from other methods).
function bindMethods(
  module: DslModule,
  members: readonly ClassMember[],
  scope: () => Scope,
  into: Map<string, unknown>,
): Record<string, HostMethod> {
  const table: Record<string, HostMethod> = {};
  for (const name of new Set(members.map((m) => m.name))) {
    const call = (args: readonly unknown[]): unknown =>
      invoke(module, overload(members, name, args.length) as ClassMember, scope(), args);
    table[name] = (args) => call(args);
    const closure: DslClosure = { kind: 'closure', arity: -1, call };
    into.set(name, closure);
  }
  return table;
}

// Getters and setters over a map of fields.
function fieldAccess(names: readonly string[], vars: Map<string, unknown>) {
  return {
    properties: Object.fromEntries(names.map((n) => [n, () => vars.get(n) ?? null])),
    setters: Object.fromEntries(names.map((n) => [n, (value: unknown) => void vars.set(n, value)])),
  };
}

// The class object of `def` as seen from `module` (its static fields set on first use).
export function classObject(module: DslModule, def: ClassDefinition): HostObject {
  const known = states.get(def);
  if (known !== undefined) return known.object;
  const vars = new Map<string, unknown>();
  const scope: Scope = { vars, parent: undefined };
  const methods = bindMethods(module, membersOf(def, 'method', true), () => scope, vars);
  const fields = membersOf(def, 'field', true).map((f) => f.name);
  const object: HostObject = {
    kind: 'object',
    type: def.name,
    methods,
    ...fieldAccess(fields, vars),
    show: () => `class ${def.name}`,
  };
  states.set(def, { scope, object });
  for (const field of membersOf(def, 'field', true))
    vars.set(field.name, field.value === undefined ? null : evaluate({ module, scope }, field.value));
  return object;
}

// `new Name(args)`: the instance's fields set from their initial values, then the constructor that takes that many
// arguments; without one, `new Name(a: 1, b: 2)` sets the named fields.
export function instantiate(
  ctx: EvalContext,
  def: ClassDefinition,
  args: readonly unknown[],
  pos: Position,
): HostObject {
  const module = ctx.module;
  classObject(module, def);
  const statics = (states.get(def) as ClassState).scope;
  const own = new Map<string, unknown>(); // instance methods and `this`
  const fields = new Map<string, unknown>();
  const methodScope: Scope = { vars: own, parent: statics };
  const scope: Scope = { vars: fields, parent: methodScope };
  const names = membersOf(def, 'field', false).map((f) => f.name);
  const methods = bindMethods(module, membersOf(def, 'method', false), () => scope, own);
  const toString: HostMethod | undefined = Object.hasOwn(methods, 'toString') ? methods['toString'] : undefined;
  const object: HostObject = {
    kind: 'object',
    type: def.name,
    methods: { ...(states.get(def) as ClassState).object.methods, ...methods },
    ...fieldAccess(names, fields),
    show: () => (toString === undefined ? `${def.name}@${names.length}` : String(toString([], ctx, pos))),
  };
  own.set('this', object);
  for (const field of membersOf(def, 'field', false))
    fields.set(field.name, field.value === undefined ? null : evaluate({ module, scope }, field.value));
  const constructors = membersOf(def, 'constructor');
  const chosen = overload(constructors, def.name, args.length);
  if (chosen !== undefined) invoke(module, chosen, scope, args);
  else if (args.length === 1 && args[0] instanceof Map) {
    for (const [key, value] of args[0]) {
      if (!names.includes(String(key)))
        throw scriptError(
          ctx,
          pos,
          `class \`${def.name}\` has no field \`${String(key)}\``,
          `its fields: ${names.join(', ') || 'none'}`,
        );
      fields.set(String(key), value);
    }
  } else if (args.length > 0)
    throw scriptError(
      ctx,
      pos,
      `class \`${def.name}\` has no constructor taking ${args.length} argument(s)`,
      'define one, e.g. `Name(a, b) { … }`',
    );
  return object;
}
