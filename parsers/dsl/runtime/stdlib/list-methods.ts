// Methods on lists that pipelines call: collect, each, join, sort, findAll and the rest of Groovy's list API.
import { closureArg, optionalClosure, type MethodTable } from './method-table.js';
import { compare, equals, numberOf, show, truthy, valueKey, type DslClosure } from '../values/values.js';

// Distinct items in first-seen order, by `key`.
function uniqueBy(items: readonly unknown[], key: (item: unknown) => unknown): unknown[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = valueKey(key(item));
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

// Sorts by a one-parameter key closure or a two-parameter comparator, or naturally.
export function sortWith(items: readonly unknown[], fn: DslClosure | undefined): unknown[] {
  if (fn === undefined) return [...items].sort(compare);
  if (fn.arity === 2) return [...items].sort((a, b) => numberOf(fn.call([a, b])) ?? 0);
  return [...items].sort((a, b) => compare(fn.call([a]), fn.call([b])));
}

// The result of a Groovy method that changes its list: written into `list` unless the call passed `false` first.
function inPlace(list: readonly unknown[], args: readonly unknown[], result: unknown[]): unknown[] {
  if (args[0] === false || Object.isFrozen(list)) return result;
  (list as unknown[]).splice(0, list.length, ...result);
  return list as unknown[];
}

// Flattens nested lists completely.
export function flattenDeep(items: readonly unknown[]): unknown[] {
  return items.flatMap((item) => (Array.isArray(item) ? flattenDeep(item) : [item]));
}

export const listMethods: MethodTable<unknown[]> = {
  size: (_c, l) => l.length,
  isEmpty: (_c, l) => l.length === 0,
  first: (_c, l) => l[0] ?? null,
  last: (_c, l) => l[l.length - 1] ?? null,
  head: (_c, l) => l[0] ?? null,
  tail: (_c, l) => l.slice(1),
  get: (_c, l, args) => l[numberOf(args[0]) ?? 0] ?? null,
  getAt: (_c, l, args) => l[numberOf(args[0]) ?? 0] ?? null,
  collect: (_c, l, args) => {
    const fn = optionalClosure(args, 0);
    return fn === undefined ? [...l] : l.map((item) => fn.call([item]));
  },
  collectMany: (ctx, l, args, pos) =>
    l.flatMap((item) => {
      const out = closureArg(ctx, args, 0, 'collectMany', pos).call([item]);
      return Array.isArray(out) ? out : [out];
    }),
  each: (ctx, l, args, pos) => {
    const fn = closureArg(ctx, args, 0, 'each', pos);
    for (const item of l) fn.call([item]);
    return l;
  },
  eachWithIndex: (ctx, l, args, pos) => {
    const fn = closureArg(ctx, args, 0, 'eachWithIndex', pos);
    l.forEach((item, i) => fn.call([item, i]));
    return l;
  },
  withIndex: (_c, l) => l.map((item, i) => [item, i]),
  findAll: (_c, l, args) => {
    const fn = optionalClosure(args, 0);
    return l.filter((item) => truthy(fn === undefined ? item : fn.call([item])));
  },
  find: (ctx, l, args, pos) => l.find((item) => truthy(closureArg(ctx, args, 0, 'find', pos).call([item]))) ?? null,
  findIndexOf: (ctx, l, args, pos) =>
    l.findIndex((item) => truthy(closureArg(ctx, args, 0, 'findIndexOf', pos).call([item]))),
  any: (_c, l, args) => {
    const fn = optionalClosure(args, 0);
    return l.some((item) => truthy(fn === undefined ? item : fn.call([item])));
  },
  every: (_c, l, args) => {
    const fn = optionalClosure(args, 0);
    return l.every((item) => truthy(fn === undefined ? item : fn.call([item])));
  },
  count: (_c, l, args) => {
    const fn = optionalClosure(args, 0);
    return fn === undefined
      ? l.filter((item) => equals(item, args[0])).length
      : l.filter((item) => truthy(fn.call([item]))).length;
  },
  join: (_c, l, args) => l.map(show).join(args[0] === undefined ? '' : show(args[0])),
  // Groovy's sort() and unique() change the list itself (and return it), unless the first argument is `false`
  sort: (_c, l, args) => inPlace(l, args, sortWith(l, optionalClosure(args, args[0] === false ? 1 : 0))),
  toSorted: (_c, l, args) => sortWith(l, optionalClosure(args, 0)),
  reverse: (_c, l) => [...l].reverse(),
  unique: (_c, l, args) => {
    const fn = optionalClosure(args, args[0] === false ? 1 : 0);
    return inPlace(
      l,
      args,
      uniqueBy(l, (item) => (fn === undefined ? item : fn.call([item]))),
    );
  },
  toUnique: (_c, l) => uniqueBy(l, (item) => item),
  flatten: (_c, l) => flattenDeep(l),
  contains: (_c, l, args) => l.some((item) => equals(item, args[0])),
  containsAll: (_c, l, args) =>
    (Array.isArray(args[0]) ? args[0] : [args[0]]).every((want) => l.some((item) => equals(item, want))),
  indexOf: (_c, l, args) => l.findIndex((item) => equals(item, args[0])),
  plus: (_c, l, args) => (Array.isArray(args[0]) ? [...l, ...args[0]] : [...l, args[0]]),
  minus: (_c, l, args) => {
    const drop = Array.isArray(args[0]) ? args[0] : [args[0]];
    return l.filter((item) => !drop.some((d) => equals(d, item)));
  },
  add: (_c, l, args) => {
    l.push(args[0]);
    return true;
  },
  addAll: (_c, l, args) => {
    l.push(...(Array.isArray(args[0]) ? args[0] : []));
    return true;
  },
  take: (_c, l, args) => l.slice(0, numberOf(args[0]) ?? 0),
  drop: (_c, l, args) => l.slice(numberOf(args[0]) ?? 0),
  subList: (_c, l, args) => l.slice(numberOf(args[0]) ?? 0, numberOf(args[1]) ?? l.length),
  sum: (_c, l) => l.reduce((acc: number, item) => acc + (numberOf(item) ?? 0), 0),
  max: (_c, l) => sortWith(l, undefined).at(-1) ?? null,
  min: (_c, l) => sortWith(l, undefined)[0] ?? null,
  inject: (ctx, l, args, pos) => {
    const fn = closureArg(ctx, args, args.length - 1, 'inject', pos);
    let acc = args.length > 1 ? args[0] : l[0];
    for (const item of args.length > 1 ? l : l.slice(1)) acc = fn.call([acc, item]);
    return acc;
  },
  intersect: (_c, l, args) => {
    const other = Array.isArray(args[0]) ? args[0] : [];
    return l.filter((item, i) => other.some((o) => equals(o, item)) && l.findIndex((x) => equals(x, item)) === i);
  },
  disjoint: (_c, l, args) => !l.some((item) => Array.isArray(args[0]) && args[0].some((o) => equals(o, item))),
  groupBy: (ctx, l, args, pos) => {
    const fn = closureArg(ctx, args, 0, 'groupBy', pos);
    const groups = new Map<unknown, unknown[]>();
    for (const item of l) {
      const key = fn.call([item]);
      const group = groups.get(key) ?? [];
      group.push(item);
      groups.set(key, group);
    }
    return groups;
  },
  collectEntries: (_c, l, args) => {
    const fn = optionalClosure(args, 0);
    const map = new Map<unknown, unknown>();
    for (const item of l) {
      const entry = fn === undefined ? item : fn.call([item]);
      if (Array.isArray(entry)) map.set(entry[0], entry[1]);
      else if (entry instanceof Map) for (const [k, v] of entry) map.set(k, v);
    }
    return map;
  },
  transpose: (_c, l) => {
    const rows = l.filter(Array.isArray);
    const n = Math.min(...rows.map((row) => row.length));
    return Array.from({ length: rows.length === 0 ? 0 : n }, (_, i) => rows.map((row) => row[i]));
  },
  toList: (_c, l) => [...l],
  clone: (_c, l) => [...l], // a shallow copy, as ArrayList.clone()
  toSet: (_c, l) => uniqueBy(l, (item) => item),
  asList: (_c, l) => l,
  toString: (_c: unknown, l: unknown[]) => show(l),
};
