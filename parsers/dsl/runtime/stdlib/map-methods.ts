// Methods on maps that pipelines call: keySet, each, collect, findAll, subMap and friends.
import { closureArg, optionalClosure, type MethodTable } from './method-table.js';
import { equals, show, truthy, type DslMap } from '../values/values.js';

// Calls a closure on a map entry: with (key, value) when it takes two parameters, else with an entry map.
function callEntry(
  fn: { arity: number; call(args: readonly unknown[]): unknown },
  key: unknown,
  value: unknown,
): unknown {
  if (fn.arity === 2) return fn.call([key, value]);
  return fn.call([
    new Map<unknown, unknown>([
      ['key', key],
      ['value', value],
    ]),
  ]);
}

export const mapMethods: MethodTable<DslMap> = {
  keySet: (_c, m) => [...m.keys()],
  values: (_c, m) => [...m.values()],
  size: (_c, m) => m.size,
  isEmpty: (_c, m) => m.size === 0,
  get: (_c, m, args) => (m.has(args[0]) ? m.get(args[0]) : (args[1] ?? null)),
  getOrDefault: (_c, m, args) => (m.has(args[0]) ? m.get(args[0]) : (args[1] ?? null)),
  containsKey: (_c, m, args) => m.has(args[0]),
  put: (_c, m, args) => {
    const before = m.get(args[0]) ?? null;
    m.set(args[0], args[1]);
    return before;
  },
  putAll: (_c, m, args) => {
    if (args[0] instanceof Map) for (const [k, v] of args[0]) m.set(k, v);
    return null;
  },
  remove: (_c, m, args) => {
    const before = m.get(args[0]) ?? null;
    m.delete(args[0]);
    return before;
  },
  plus: (_c, m, args) => new Map([...m, ...(args[0] instanceof Map ? args[0] : [])]),
  toMap: (_c, m) => new Map(m),
  clone: (_c, m) => new Map(m), // a shallow copy, as LinkedHashMap.clone()
  containsValue: (_c, m, args) => [...m.values()].some((v) => equals(v, args[0])),
  groupBy: (ctx, m, args, pos) => {
    const fn = closureArg(ctx, args, 0, 'groupBy', pos);
    const groups = new Map<unknown, unknown>();
    for (const [k, v] of m) {
      const key = callEntry(fn, k, v);
      const found = [...groups.keys()].find((g) => equals(g, key));
      const group = (found === undefined ? undefined : groups.get(found)) as DslMap | undefined;
      if (group === undefined) groups.set(key, new Map([[k, v]]));
      else group.set(k, v);
    }
    return groups;
  },
  subMap: (_c, m, args) => new Map([...m].filter(([k]) => Array.isArray(args[0]) && args[0].includes(k))),
  each: (ctx, m, args, pos) => {
    const fn = closureArg(ctx, args, 0, 'each', pos);
    for (const [k, v] of m) callEntry(fn, k, v);
    return m;
  },
  collect: (ctx, m, args, pos) => {
    const fn = closureArg(ctx, args, 0, 'collect', pos);
    return [...m].map(([k, v]) => callEntry(fn, k, v));
  },
  findAll: (ctx, m, args, pos) => {
    const fn = closureArg(ctx, args, 0, 'findAll', pos);
    return new Map([...m].filter(([k, v]) => truthy(callEntry(fn, k, v))));
  },
  find: (ctx, m, args, pos) => {
    const fn = closureArg(ctx, args, 0, 'find', pos);
    const hit = [...m].find(([k, v]) => truthy(callEntry(fn, k, v)));
    return hit === undefined
      ? null
      : new Map<unknown, unknown>([
          ['key', hit[0]],
          ['value', hit[1]],
        ]);
  },
  any: (ctx, m, args, pos) => {
    const fn = closureArg(ctx, args, 0, 'any', pos);
    return [...m].some(([k, v]) => truthy(callEntry(fn, k, v)));
  },
  count: (ctx, m, args, pos) => {
    const fn = closureArg(ctx, args, 0, 'count', pos);
    return [...m].filter(([k, v]) => truthy(callEntry(fn, k, v))).length;
  },
  every: (ctx, m, args, pos) => {
    const fn = closureArg(ctx, args, 0, 'every', pos);
    return [...m].every(([k, v]) => truthy(callEntry(fn, k, v)));
  },
  collectEntries: (_c, m, args) => {
    const fn = optionalClosure(args, 0);
    const out = new Map<unknown, unknown>();
    for (const [k, v] of m) {
      const entry = fn === undefined ? [k, v] : callEntry(fn, k, v);
      if (Array.isArray(entry)) out.set(entry[0], entry[1]);
      else if (entry instanceof Map) for (const [ek, ev] of entry) out.set(ek, ev);
    }
    return out;
  },
  toString: (_c: unknown, m: DslMap) => show(m),
};
