// Property and index access on runtime values: maps, lists, strings, paths, numbers, process outputs.
import type { Position } from '../../syntax/ast-expressions.js';
import type { DslCallable, DslOutputs, EvalContext } from '../eval/context.js';
import { listMethods } from '../stdlib/list-methods.js';
import { pathProperty } from '../stdlib/path-methods.js';
import { pathOperations } from '../stdlib/path-operations.js';
import { globalProperty } from '../stdlib/global-methods.js';
import { stringMethods } from '../stdlib/string-methods.js';
import { hostProperty, isHostObject, setHostProperty } from '../groovy/host-object.js';
import { ConfigObject } from '../groovy/config-object.js';
import { isChannel, isPath, numberOf, show, typeName } from './values.js';
import { scriptError } from '../eval/script-error.js';
import { isQuantity, quantityMember, unitOfNumber } from './units.js';

// Whether a value is the outputs of a process or workflow call.
export function isOutputs(value: unknown): value is DslOutputs {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'outputs' &&
    !(value instanceof Map)
  );
}

// Whether a value is a process or workflow.
export function isCallable(value: unknown): value is DslCallable {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'callable' &&
    !(value instanceof Map)
  );
}

// Reads `object.name`.
export function getProperty(ctx: EvalContext, object: unknown, name: string, pos: Position): unknown {
  if (object instanceof Map)
    return object.has(name) ? object.get(name) : object instanceof ConfigObject ? new ConfigObject() : null;
  if (isHostObject(object)) return hostProperty(ctx, object, name, pos);
  if (isCallable(object)) {
    if (name !== 'out')
      throw scriptError(ctx, pos, `\`${object.name}.${name}\` is not supported`, `a ${object.type} has only \`.out\``);
    if (object.out === undefined)
      throw scriptError(ctx, pos, `\`${object.name}.out\` is used before \`${object.name}\` was called`);
    return object.out;
  }
  if (isOutputs(object)) {
    const channel = object.named.get(name);
    if (channel === undefined) {
      const names = [...object.named.keys()];
      throw scriptError(
        ctx,
        pos,
        `no output named \`${name}\``,
        names.length === 0 ? 'this call has no named outputs (`emit:`)' : `named outputs: ${names.join(', ')}`,
      );
    }
    return channel;
  }
  if (isPath(object)) return pathProperty(ctx, object, name, pos);
  const n = numberOf(object);
  if (n !== undefined) {
    const unit = unitOfNumber(n, name);
    if (unit !== undefined) return unit;
  }
  if (isQuantity(object)) {
    const member = quantityMember(object, name, []);
    if (member !== undefined) return member;
  }
  if (typeof object === 'string') {
    const method = Object.hasOwn(stringMethods, name) ? stringMethods[name] : undefined;
    if (method !== undefined && name !== 'split') return method(ctx, object, [], pos);
  }
  if (Array.isArray(object)) {
    // a list stands for Java arrays too (`dir.listFiles()`, `text.split(',')`), whose `length` is their size
    if (name === 'length') return object.length;
    const method = Object.hasOwn(listMethods, name) ? listMethods[name] : undefined;
    if (method !== undefined) return method(ctx, object, [], pos);
    return object.map((item) => getProperty(ctx, item, name, pos));
  }
  if (typeof object === 'object' && object !== null && (object as { kind?: unknown }).kind === 'global') {
    const value = globalProperty(ctx, (object as { name: string }).name, name);
    if (value !== undefined) return value;
    throw scriptError(ctx, pos, `\`${(object as { name: string }).name}.${name}\` is not supported`);
  }
  if (isChannel(object))
    throw scriptError(ctx, pos, `a channel has no property \`${name}\``, 'call an operator instead, e.g. `.map { }`');
  throw scriptError(ctx, pos, `\`${name}\` is not a property of ${typeName(object)} \`${show(object)}\``);
}

// Writes `object.name = value`.
export function setProperty(ctx: EvalContext, object: unknown, name: string, value: unknown, pos: Position): void {
  if (object instanceof Map) {
    object.set(name, value);
    return;
  }
  if (isHostObject(object)) return setHostProperty(ctx, object, name, value, pos);
  if (isPath(object) && name === 'text') {
    pathOperations.setText!(ctx, object, [value], pos); // `file.text = '…'` writes the file
    return;
  }
  throw scriptError(ctx, pos, `cannot set \`${name}\` on ${typeName(object)} \`${show(object)}\``);
}

// Normalises a list index: negative counts from the end.
function at(length: number, index: unknown): number {
  const n = numberOf(index) ?? Number.NaN;
  return n < 0 ? length + n : n;
}

// Reads `object[index]`.
export function getIndex(ctx: EvalContext, object: unknown, indices: readonly unknown[], pos: Position): unknown {
  const index = indices.length === 1 ? indices[0] : indices;
  if (object === null || object === undefined) throw scriptError(ctx, pos, 'cannot index `null`');
  if (object instanceof Map) return object.has(index) ? object.get(index) : null;
  if (Array.isArray(index) && (Array.isArray(object) || typeof object === 'string')) {
    const picked = index.map((i) => getIndex(ctx, object, [i], pos));
    return typeof object === 'string' ? picked.join('') : picked;
  }
  if (Array.isArray(object)) return object[at(object.length, index)] ?? null;
  if (typeof object === 'string') return object[at(object.length, index)] ?? null;
  if (isOutputs(object)) {
    const channel = object.channels[at(object.channels.length, index)];
    if (channel === undefined)
      throw scriptError(
        ctx,
        pos,
        `output index ${show(index)} is out of range`,
        `this call has ${object.channels.length} outputs`,
      );
    return channel;
  }
  throw scriptError(ctx, pos, `cannot index ${typeName(object)} \`${show(object)}\``);
}

// Writes `object[index] = value`.
export function setIndex(
  ctx: EvalContext,
  object: unknown,
  indices: readonly unknown[],
  value: unknown,
  pos: Position,
): void {
  const index = indices[0];
  if (object instanceof Map) object.set(index, value);
  else if (Array.isArray(object)) object[at(object.length, index)] = value;
  else throw scriptError(ctx, pos, `cannot set an index of ${typeName(object)} \`${show(object)}\``);
}
