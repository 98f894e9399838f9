// Operators that gather or combine channels: collect, toList, groupTuple, join, combine, mix, concat, reduce.
import type { OperatorImpl } from './operators.js';
import { drain, pump, toChannel } from './support.js';
import { sortWith } from '../stdlib/list-methods.js';
import { GroupKey, isClosure, numberOf, show, truthy, valueKey, type DslClosure } from '../values/values.js';
import type { Position } from '../../syntax/ast-expressions.js';
import type { DslChannel } from '../channels/channel.js';
import type { EvalContext } from '../eval/context.js';
import { scriptError } from '../eval/script-error.js';
import { binaryOp } from '../values/arithmetic.js';

// The key positions of `by:` (default the first element).
function byIndices(by: unknown): number[] {
  if (Array.isArray(by)) return by.map((b) => numberOf(b) ?? 0);
  return [numberOf(by) ?? 0];
}

// An item as a tuple: lists stay, anything else becomes a one-element tuple.
function tuple(item: unknown): unknown[] {
  return Array.isArray(item) ? item : [item];
}

// The closure among the positional arguments, if any.
function fnOf(args: readonly unknown[]): DslClosure | undefined {
  return args.find(isClosure);
}

export const gatherOperators: Readonly<Record<string, OperatorImpl>> = {
  collect: (ctx, src, args, pos) =>
    pump(ctx, true, [src], 'collect', pos, async (out) => {
      const fn = fnOf(args.positional);
      const flat = args.named.get('flat') !== false;
      const items = (await drain(src)).map((item) => (fn === undefined ? item : fn.call([item])));
      const result = flat ? items.flatMap((item) => (Array.isArray(item) ? item : [item])) : items;
      if (result.length > 0)
        out.emit(args.named.has('sort') && truthy(args.named.get('sort')) ? sortWith(result, undefined) : result);
    }),
  toList: (ctx, src, _args, pos) =>
    pump(ctx, true, [src], 'toList', pos, async (out) => {
      out.emit(await drain(src));
    }),
  toSortedList: (ctx, src, args, pos) =>
    pump(ctx, true, [src], 'toSortedList', pos, async (out) => {
      out.emit(sortWith(await drain(src), fnOf(args.positional)));
    }),
  reduce: (ctx, src, args, pos) =>
    pump(ctx, true, [src], 'reduce', pos, async (out) => {
      const fn = fnOf(args.positional);
      const items = await drain(src);
      if (fn === undefined) return;
      const seeded = args.positional.length > 1;
      if (!seeded && items.length === 0) return;
      let acc = seeded ? args.positional[0] : items[0];
      for (const item of seeded ? items : items.slice(1)) acc = fn.call([acc, item]);
      out.emit(acc);
    }),
  // the items (or the closure's values for them) added up: numbers, or lists element by element; nothing when empty
  sum: (ctx, src, args, pos) =>
    pump(ctx, true, [src], 'sum', pos, async (out) => {
      const fn = fnOf(args.positional);
      let total: unknown = null;
      for await (const item of src.read()) {
        if (item === null || item === undefined) continue;
        const value = fn === undefined ? item : fn.call([item]);
        if (total === null) total = value;
        else if (Array.isArray(total) && Array.isArray(value))
          total = total.map((t, i) => (i < value.length ? binaryOp(ctx, '+', t, value[i], pos) : t));
        else total = binaryOp(ctx, '+', total, value, pos);
      }
      out.emit(total);
    }),
  mix: (ctx, src, args, pos) => {
    const others = args.positional.map((other) => toChannel(ctx, other, pos));
    return pump(ctx, false, [src, ...others], 'mix', pos, async (out) => {
      await Promise.all(
        [src, ...others].map(async (channel) => {
          for await (const item of channel.read()) out.emit(item);
        }),
      );
    });
  },
  concat: (ctx, src, args, pos) => {
    const others = args.positional.map((other) => toChannel(ctx, other, pos));
    return pump(ctx, false, [src, ...others], 'concat', pos, async (out) => {
      for (const channel of [src, ...others]) for await (const item of channel.read()) out.emit(item);
    });
  },
  // groupBy: (key, value) or (key, size, value) tuples into (key, [values]); a group with a size is emitted once it
  // has that many values, the others when the channel ends
  groupBy: (ctx, src, _args, pos) =>
    pump(ctx, false, [src], 'groupBy', pos, async (out) => {
      const groups = new Map<string, { key: unknown; size: number; values: unknown[] }>();
      const emitted = new Set<string>();
      for await (const item of src.read()) {
        if (!Array.isArray(item) || (item.length !== 2 && item.length !== 3))
          throw new Error(`\`groupBy\` expects (key, value) or (key, size, value) tuples, got \`${show(item)}\``);
        const key: unknown = item[0];
        const size = item.length === 2 ? -1 : (numberOf(item[1]) ?? -1);
        const value: unknown = item[item.length - 1];
        const id = valueKey(key);
        if (emitted.has(id))
          throw new Error(`\`groupBy\` got too many values for the key \`${show(key)}\` (expected ${size})`);
        const group = groups.get(id) ?? { key, size, values: [] };
        if (group.size !== size)
          throw new Error(`\`groupBy\` got group sizes ${group.size} and ${size} for the key \`${show(key)}\``);
        group.values.push(value);
        groups.set(id, group);
        if (group.values.length === size) {
          out.emit([key, group.values]);
          groups.delete(id);
          emitted.add(id);
        }
      }
      for (const group of groups.values()) {
        if (group.size !== -1) throw new Error(`\`groupBy\` got too few values for the key \`${show(group.key)}\``);
        out.emit([group.key, group.values]);
      }
    }),
  groupTuple: (ctx, src, args, pos) =>
    pump(ctx, false, [src], 'groupTuple', pos, async (out) => {
      const by = byIndices(args.named.get('by'));
      const size = numberOf(args.named.get('size')) ?? 0;
      const groups = new Map<string, { key: unknown[]; values: unknown[][] }>();
      const emit = (group: { key: unknown[]; values: unknown[][] }): void => {
        const width = Math.max(0, ...group.values.map((v) => v.length));
        const columns = Array.from({ length: width }, (_, c) => group.values.map((v) => v[c]));
        const result: unknown[] = [];
        let k = 0;
        let c = 0;
        for (let i = 0; i < by.length + width; i++) result.push(by.includes(i) ? group.key[k++] : columns[c++]);
        out.emit(result);
      };
      for await (const item of src.read()) {
        const t = tuple(item);
        const key = by.map((i) => t[i]);
        const id = valueKey(key);
        const group = groups.get(id) ?? { key, values: [] };
        group.values.push(t.filter((_, i) => !by.includes(i)));
        groups.set(id, group);
        // without a `size:`, a groupKey(key, n) key gives the group's size
        const wanted = size > 0 ? size : key.length === 1 && key[0] instanceof GroupKey ? key[0].size : 0;
        if (wanted > 0 && group.values.length === wanted) {
          emit(group);
          groups.delete(id);
        }
      }
      for (const group of groups.values()) if (size === 0 || truthy(args.named.get('remainder'))) emit(group);
    }),
  join: (ctx, src, args, pos) => {
    const other = toChannel(ctx, args.positional[0], pos);
    const field = args.named.get('by');
    if (typeof field === 'string') return joinRecords(ctx, src, other, field, truthy(args.named.get('remainder')), pos);
    return pump(ctx, false, [src, other], 'join', pos, async (out) => {
      const by = byIndices(args.named.get('by'));
      const remainder = truthy(args.named.get('remainder'));
      const left = new Map<string, unknown[][]>();
      const right = new Map<string, unknown[][]>();
      const order: string[] = [];
      const split = (item: unknown): [string, unknown[], unknown[]] => {
        const t = tuple(item);
        const key = by.map((i) => t[i]);
        return [valueKey(key), key, t.filter((_, i) => !by.includes(i))];
      };
      const keys = new Map<string, unknown[]>();
      const side = async (
        channel: typeof src,
        mine: Map<string, unknown[][]>,
        theirs: Map<string, unknown[][]>,
        isLeft: boolean,
      ): Promise<void> => {
        for await (const item of channel.read()) {
          const [id, key, rest] = split(item);
          keys.set(id, key);
          const waiting = theirs.get(id);
          if (waiting !== undefined && waiting.length > 0) {
            const match = waiting.shift() as unknown[];
            out.emit(isLeft ? [...key, ...rest, ...match] : [...key, ...match, ...rest]);
          } else {
            if (!mine.has(id)) order.push(id);
            mine.set(id, [...(mine.get(id) ?? []), rest]);
          }
        }
      };
      await Promise.all([side(src, left, right, true), side(other, right, left, false)]);
      if (remainder) {
        for (const id of order) {
          for (const rest of left.get(id) ?? []) out.emit([...(keys.get(id) ?? []), ...rest, null]);
          for (const rest of right.get(id) ?? []) out.emit([...(keys.get(id) ?? []), null, ...rest]);
        }
      }
    });
  },
  combine: (ctx, src, args, pos) => {
    const other = toChannel(ctx, args.positional[0], pos);
    return pump(ctx, false, [src, other], 'combine', pos, async (out) => {
      const [lefts, rights] = await Promise.all([drain(src), drain(other)]);
      const by = args.named.has('by') ? byIndices(args.named.get('by')) : undefined;
      for (const l of lefts) {
        for (const r of rights) {
          if (by === undefined) out.emit([...tuple(l), ...tuple(r)]);
          else {
            const lt = tuple(l);
            const rt = tuple(r);
            if (valueKey(by.map((i) => lt[i])) === valueKey(by.map((i) => rt[i])))
              out.emit([...lt, ...rt.filter((_, i) => !by.includes(i))]);
          }
        }
      }
    });
  },
};

// `join(other, by: 'id', remainder: …)` over records (strict syntax): the relational join, each record merged with
// every record of the other side with the same field value (the left one's fields first); with `remainder`, the
// records whose value never matched are emitted at the end, left ones first.
function joinRecords(
  ctx: EvalContext,
  src: DslChannel,
  other: DslChannel,
  field: string,
  remainder: boolean,
  pos: Position,
): DslChannel {
  return pump(ctx, false, [src, other], 'join', pos, async (out) => {
    const seen = [new Map<string, Map<unknown, unknown>[]>(), new Map<string, Map<unknown, unknown>[]>()];
    const matched = new Set<string>();
    const side = async (channel: DslChannel, mine: 0 | 1): Promise<void> => {
      for await (const item of channel.read()) {
        if (!(item instanceof Map))
          throw scriptError(ctx, pos, `join by \`${field}\` expects records, got \`${show(item)}\``);
        const id = valueKey(item.get(field));
        const theirs = seen[1 - mine]?.get(id) ?? [];
        for (const match of theirs) out.emit(mine === 0 ? new Map([...item, ...match]) : new Map([...match, ...item]));
        if (theirs.length > 0) matched.add(id);
        seen[mine]?.set(id, [...(seen[mine]?.get(id) ?? []), item]);
      }
    };
    await Promise.all([side(src, 0), side(other, 1)]);
    if (remainder)
      for (const records of seen)
        for (const [id, items] of records) if (!matched.has(id)) for (const item of items) out.emit(item);
  });
}
