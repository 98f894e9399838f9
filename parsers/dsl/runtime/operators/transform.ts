// Operators that transform a channel item by item: map, flatMap, filter, view, flatten, unique, take, until, ifEmpty.
import type { OperatorImpl } from './operators.js';
import { drain, pump } from './support.js';
import { isCase } from './criteria.js';
import { flattenDeep } from '../stdlib/list-methods.js';
import { isClosure, numberOf, show, valueKey, type DslClosure } from '../values/values.js';
import { castTo } from '../eval/conversions.js';

// Whether an item passes a criterion (Groovy's isCase: a closure's truth, a pattern, a class, a value); no
// criterion passes everything.
function accepts(criterion: unknown, item: unknown): boolean {
  return criterion === undefined || isCase(criterion, item);
}

// The closure of a closure-taking operator.
function fnOf(args: readonly unknown[]): DslClosure | undefined {
  const last = args[args.length - 1];
  return isClosure(last) ? last : undefined;
}

// toInteger, toLong, toFloat, toDouble: each item converted as `item as Type` does.
function convertEach(name: string, type: string): OperatorImpl {
  return (ctx, src, _args, pos) =>
    pump(ctx, src.isValue, [src], name, pos, async (out) => {
      for await (const item of src.read()) out.emit(castTo(ctx, item, type, pos));
    });
}

export const transformOperators: Readonly<Record<string, OperatorImpl>> = {
  map: (ctx, src, args, pos) =>
    pump(ctx, src.isValue, [src], 'map', pos, async (out) => {
      const fn = fnOf(args.positional);
      for await (const item of src.read()) out.emit(fn === undefined ? item : fn.call([item]));
    }),
  flatMap: (ctx, src, args, pos) =>
    pump(ctx, false, [src], 'flatMap', pos, async (out) => {
      const fn = fnOf(args.positional);
      for await (const item of src.read()) {
        const result = fn === undefined ? item : fn.call([item]);
        if (Array.isArray(result)) for (const x of result) out.emit(x);
        // a map gives its entries, each read as `entry.key` and `entry.value`
        else if (result instanceof Map)
          for (const [key, value] of result)
            out.emit(
              new Map<unknown, unknown>([
                ['key', key],
                ['value', value],
              ]),
            );
        else if (result !== null && result !== undefined) out.emit(result);
      }
    }),
  filter: (ctx, src, args, pos) =>
    pump(ctx, src.isValue, [src], 'filter', pos, async (out) => {
      for await (const item of src.read()) if (accepts(args.positional[0], item)) out.emit(item);
    }),
  view: (ctx, src, args, pos) =>
    pump(ctx, src.isValue, [src], 'view', pos, async (out) => {
      const fn = fnOf(args.positional);
      for await (const item of src.read()) {
        ctx.module.runtime.console.out(`${show(fn === undefined ? item : fn.call([item]))}\n`);
        out.emit(item);
      }
    }),
  dump: (ctx, src, _args, pos) =>
    pump(ctx, src.isValue, [src], 'dump', pos, async (out) => {
      for await (const item of src.read()) out.emit(item);
    }),
  subscribe: (ctx, src, args, pos) =>
    pump(ctx, false, [src], 'subscribe', pos, async () => {
      const fn = fnOf(args.positional) ?? (args.named.get('onNext') as DslClosure | undefined);
      for await (const item of src.read()) fn?.call([item]);
      const done = args.named.get('onComplete');
      if (isClosure(done)) done.call([]);
    }),
  flatten: (ctx, src, _args, pos) =>
    pump(ctx, false, [src], 'flatten', pos, async (out) => {
      for await (const item of src.read())
        for (const x of Array.isArray(item) ? flattenDeep(item) : [item]) out.emit(x);
    }),
  unique: (ctx, src, args, pos) =>
    pump(ctx, false, [src], 'unique', pos, async (out) => {
      const fn = fnOf(args.positional);
      const seen = new Set<string>();
      for await (const item of src.read()) {
        const key = valueKey(fn === undefined ? item : fn.call([item]));
        if (!seen.has(key)) {
          seen.add(key);
          out.emit(item);
        }
      }
    }),
  // drops an item whose key (the item, or the closure's value for it) equals the previous item's
  distinct: (ctx, src, args, pos) =>
    pump(ctx, false, [src], 'distinct', pos, async (out) => {
      const fn = fnOf(args.positional);
      let previous: string | undefined;
      for await (const item of src.read()) {
        const key = valueKey(fn === undefined ? item : fn.call([item]));
        if (key !== previous) out.emit(item);
        previous = key;
      }
    }),
  take: (ctx, src, args, pos) =>
    pump(ctx, false, [src], 'take', pos, async (out) => {
      const n = numberOf(args.positional[0]) ?? 0;
      let taken = 0;
      if (n < 0) for (const item of await drain(src)) out.emit(item);
      else
        for await (const item of src.read()) {
          if (taken >= n) break;
          out.emit(item);
          taken++;
        }
    }),
  // emits items until one meets the condition (that one and the rest are dropped) and ends
  until: (ctx, src, args, pos) =>
    pump(ctx, false, [src], 'until', pos, async (out) => {
      for await (const item of src.read()) {
        if (accepts(args.positional[0], item)) return;
        out.emit(item);
      }
    }),
  first: (ctx, src, args, pos) =>
    pump(ctx, true, [src], 'first', pos, async (out) => {
      for await (const item of src.read()) {
        if (accepts(args.positional[0], item)) {
          out.emit(item);
          return;
        }
      }
    }),
  last: (ctx, src, _args, pos) =>
    pump(ctx, true, [src], 'last', pos, async (out) => {
      const items = await drain(src);
      if (items.length > 0) out.emit(items[items.length - 1]);
    }),
  ifEmpty: (ctx, src, args, pos) =>
    pump(ctx, src.isValue, [src], 'ifEmpty', pos, async (out) => {
      let any = false;
      for await (const item of src.read()) {
        any = true;
        out.emit(item);
      }
      const fallback = args.positional[0];
      if (!any) out.emit(isClosure(fallback) ? fallback.call([]) : fallback);
    }),
  toInteger: convertEach('toInteger', 'Integer'),
  toLong: convertEach('toLong', 'Long'),
  toFloat: convertEach('toFloat', 'Float'),
  toDouble: convertEach('toDouble', 'Double'),
  count: (ctx, src, args, pos) =>
    pump(ctx, true, [src], 'count', pos, async (out) => {
      out.emit((await drain(src)).filter((item) => accepts(args.positional[0], item)).length);
    }),
};
