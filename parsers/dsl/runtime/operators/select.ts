// Operators of reference/operator.md that pick or pair items: max, min, merge, cross and randomSample.
import type { DslChannel } from '../channels/channel.js';
import { compare, isClosure, numberOf, valueKey, type DslClosure } from '../values/values.js';
import type { OperatorImpl } from './operators.js';
import { drain, pump, toChannel } from './support.js';

// How `max`/`min` order two items: a two-parameter closure is a comparator, a one-parameter closure maps each item
// to what is compared, no closure compares the items.
function ordering(fn: DslClosure | undefined): (a: unknown, b: unknown) => number {
  if (fn === undefined) return compare;
  if (fn.arity >= 2) return (a, b) => numberOf(fn.call([a, b])) ?? 0;
  return (a, b) => compare(fn.call([a]), fn.call([b]));
}

// The greatest (sign 1) or least (sign -1) item of a channel, as a value channel (nothing for an empty channel).
function extreme(name: string, sign: 1 | -1): OperatorImpl {
  return (ctx, src, args, pos) =>
    pump(ctx, true, [src], name, pos, async (out) => {
      const order = ordering(args.positional.find(isClosure));
      let best: { value: unknown } | undefined;
      for await (const item of src.read())
        if (best === undefined || sign * order(item, best.value) > 0) best = { value: item };
      if (best !== undefined) out.emit(best.value);
    });
}

// The key `cross` matches items by: the closure's value, else a list's or map's first entry, else the item.
function crossKey(fn: DslClosure | undefined, item: unknown): string {
  if (fn !== undefined) return valueKey(fn.call([item]));
  if (Array.isArray(item)) return valueKey(item[0]);
  if (item instanceof Map) return valueKey([...item.values()][0]);
  return valueKey(item);
}

// A seeded pseudo-random generator in [0, 1) (mulberry32), or Math.random without a seed.
function randomSource(seed: number | undefined): () => number {
  if (seed === undefined) return Math.random;
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const selectOperators: Readonly<Record<string, OperatorImpl>> = {
  max: extreme('max', 1),
  min: extreme('min', -1),
  // items of the channels in step ([a, b], a list item's elements spread), while every queue channel has one;
  // a value channel gives its value each time; with a closure, its result
  merge: (ctx, src, args, pos) => {
    const fn = args.positional.find(isClosure);
    const others = args.positional.filter((a) => !isClosure(a)).map((other) => toChannel(ctx, other, pos));
    const inputs: DslChannel[] = [src, ...others];
    return pump(ctx, src.isValue, inputs, 'merge', pos, async (out) => {
      const readers = inputs.map((channel) => channel.read()[Symbol.asyncIterator]());
      const values = new Map<number, unknown>();
      for (;;) {
        const next = await Promise.all(
          readers.map((reader, i) => (inputs[i]?.isValue === true && values.has(i) ? undefined : reader.next())),
        );
        if (next.some((n) => n?.done === true)) break;
        next.forEach((n, i) => n !== undefined && values.set(i, n.value));
        const items = inputs.map((_, i) => values.get(i));
        out.emit(fn !== undefined ? fn.call(items) : items.flatMap((v) => (Array.isArray(v) ? v : [v])));
        if (src.isValue) break;
      }
      for (const reader of readers) void reader.return?.();
    });
  },
  cross: (ctx, src, args, pos) => {
    const fn = args.positional.find(isClosure);
    const target = toChannel(
      ctx,
      args.positional.find((a) => !isClosure(a)),
      pos,
    );
    return pump(ctx, false, [src, target], 'cross', pos, async (out) => {
      const [sources, targets] = await Promise.all([drain(src), drain(target)]);
      for (const s of sources) {
        const key = crossKey(fn, s);
        for (const t of targets) if (crossKey(fn, t) === key) out.emit([s, t]);
      }
    });
  },
  randomSample: (ctx, src, args, pos) =>
    pump(ctx, false, [src], 'randomSample', pos, async (out) => {
      const n = numberOf(args.positional[0]) ?? 0;
      const random = randomSource(numberOf(args.positional[1]));
      const items = await drain(src);
      // a partial Fisher–Yates shuffle: the first n places get a uniform sample without replacement
      for (let i = 0; i < Math.min(n, items.length); i++) {
        const j = i + Math.floor(random() * (items.length - i));
        [items[i], items[j]] = [items[j], items[i]];
        out.emit(items[i]);
      }
    }),
};
