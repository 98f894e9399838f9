// `transpose`: each tuple whose elements hold lists becomes one tuple per list position, the other elements copied
// (Nextflow's TransposeOp): `[1, [a, b], [x, y]]` → `[1, a, x]`, `[1, b, y]`. `by:` names the elements to transpose
// (default: every list); lists of unequal length stop at the shortest, or pad with null under `remainder: true`.
import type { OperatorImpl } from './operators.js';
import { pump } from './support.js';
import { numberOf, truthy } from '../values/values.js';
import { scriptError } from '../eval/script-error.js';

export const transposeOperators: Readonly<Record<string, OperatorImpl>> = {
  transpose: (ctx, src, args, pos) =>
    pump(ctx, false, [src], 'transpose', pos, async (out) => {
      const by = args.named.get('by');
      const indices =
        by === undefined || by === null ? undefined : (Array.isArray(by) ? by : [by]).map((i) => numberOf(i));
      if (indices?.some((i) => i === undefined || !Number.isInteger(i)))
        throw scriptError(ctx, pos, '`transpose(by: …)` takes an element index or a list of them');
      const remainder = truthy(args.named.get('remainder') ?? false);
      for await (const item of src.read()) {
        for (const tuple of transposed(item, indices as number[] | undefined, remainder)) out.emit(tuple);
      }
    }),
};

// The tuples one item becomes.
export function transposed(item: unknown, by: readonly number[] | undefined, remainder: boolean): unknown[] {
  if (!Array.isArray(item)) return [item];
  const columns = by ?? item.flatMap((element, i) => (Array.isArray(element) ? [i] : []));
  if (columns.length === 0) return [item];
  const lists = columns.map((i) => {
    const element: unknown = item[i];
    return Array.isArray(element) ? element : [element];
  });
  const sizes = lists.map((list) => list.length);
  const count = remainder ? Math.max(...sizes) : Math.min(...sizes);
  const out: unknown[] = [];
  for (let n = 0; n < count; n++) {
    const tuple = [...item];
    columns.forEach((i, k) => (tuple[i] = (lists[k] as unknown[])[n] ?? null));
    out.push(tuple);
  }
  return out;
}
