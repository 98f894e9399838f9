// Java and Groovy library objects a script creates or names (`new java.util.Date()`, `groovy.json.JsonOutput`):
// each is a value with a class name, methods and properties; anything else it is asked for is an error naming it.
import type { Position } from '../../syntax/ast-expressions.js';
import type { EvalContext } from '../eval/context.js';
import { scriptError } from '../eval/script-error.js';

export type HostMethod = (args: readonly unknown[], ctx: EvalContext, pos: Position) => unknown;

export interface HostObject {
  readonly kind: 'object';
  readonly type: string; // the Java class name, for messages and `instanceof`
  readonly value?: unknown; // the JavaScript value behind it (a Date, a file path), for other library code
  readonly methods: Readonly<Record<string, HostMethod>>;
  // Properties read as `obj.name`: a getter, else `getName()` among the methods.
  readonly properties?: Readonly<Record<string, () => unknown>>;
  // A property written as `obj.name = value` (`file.text = …`).
  readonly setters?: Readonly<Record<string, (value: unknown) => void>>;
  // A member not in the tables, such as the next part of a package name; undefined when there is none.
  readonly member?: (name: string) => unknown;
  // What toString() and GString interpolation give.
  show(): string;
}

// Whether a value is a library object.
export function isHostObject(value: unknown): value is HostObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'object' &&
    !(value instanceof Map)
  );
}

// Calls `obj.name(args)`.
export function hostMethod(
  ctx: EvalContext,
  object: HostObject,
  name: string,
  args: readonly unknown[],
  pos: Position,
): unknown {
  const method = Object.hasOwn(object.methods, name) ? object.methods[name] : undefined;
  if (method !== undefined) return method(args, ctx, pos);
  if (name === 'toString') return object.show();
  const getter =
    name.startsWith('get') && args.length === 0 ? propertyOf(object, lowerFirst(name.slice(3))) : undefined;
  if (getter !== undefined) return getter();
  throw unsupported(ctx, object, `${name}()`, pos);
}

// Reads `obj.name`.
export function hostProperty(ctx: EvalContext, object: HostObject, name: string, pos: Position): unknown {
  const getter = propertyOf(object, name);
  if (getter !== undefined) return getter();
  const method = object.methods[`get${name.charAt(0).toUpperCase()}${name.slice(1)}`];
  if (method !== undefined) return method([], ctx, pos);
  const member = object.member?.(name);
  if (member !== undefined) return member;
  throw unsupported(ctx, object, name, pos);
}

// Writes `obj.name = value`.
export function setHostProperty(
  ctx: EvalContext,
  object: HostObject,
  name: string,
  value: unknown,
  pos: Position,
): void {
  const setter = object.setters?.[name];
  if (setter === undefined) throw unsupported(ctx, object, `${name} =`, pos);
  setter(value);
}

function propertyOf(object: HostObject, name: string): (() => unknown) | undefined {
  return object.properties !== undefined && Object.hasOwn(object.properties, name)
    ? object.properties[name]
    : undefined;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

// The error for a member pipe does not implement, naming the class and the member.
function unsupported(ctx: EvalContext, object: HostObject, member: string, pos: Position): Error {
  const known = [...Object.keys(object.methods).map((m) => `${m}()`), ...Object.keys(object.properties ?? {})];
  return scriptError(
    ctx,
    pos,
    `\`${object.type}.${member}\` is not supported`,
    known.length === 0 ? 'pipe implements no members of this class' : `pipe implements: ${known.join(', ')}`,
  );
}
