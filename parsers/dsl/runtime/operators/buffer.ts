// buffer and collate (reference/operator.md): items gathered into lists, closed by a criterion, a size, or a step.
import type { OperatorImpl } from './operators.js';
import { pump } from './support.js';
import { isCase } from './criteria.js';
import { numberOf, truthy } from '../values/values.js';
import { scriptError } from '../eval/script-error.js';

type Test = (item: unknown) => boolean;

// Opens a list when `open` passes (always, without it), adds items while open, and emits the list when `close`
// passes for an item (that item included); the list left open at the end is emitted only with `remainder`.
const framed = (name: string, open: Test | undefined, close: Test, remainder: boolean): OperatorImpl => {
  return (ctx, src, _args, pos) =>
    pump(ctx, false, [src], name, pos, async (out) => {
      let buffer: unknown[] = [];
      let isOpen = open === undefined;
      for await (const item of src.read()) {
        if (isOpen) buffer.push(item);
        else if (open?.(item) === true) {
          isOpen = true;
          buffer.push(item);
        }
        if (close(item)) {
          out.emit(buffer);
          buffer = [];
          isOpen = open === undefined;
        }
      }
      if (remainder && buffer.length > 0) out.emit(buffer);
    });
};

// `buffer(size: n, skip: m)`: skips m items, then gathers n, and again; each test counts every item it sees.
function sized(size: number, skip: number): { open: Test; close: Test } {
  let skipped = 0;
  let counted = 0;
  const open: Test = () => {
    skipped += 1;
    if (skipped <= skip) return false;
    skipped = 0;
    return true;
  };
  const close: Test = () => {
    counted += 1;
    if (counted - skip !== size) return false;
    counted = 0;
    return true;
  };
  return { open, close };
}

export const bufferOperators: Readonly<Record<string, OperatorImpl>> = {
  // buffer(close), buffer(open, close), buffer(size: n, skip: m, remainder: true)
  buffer: (ctx, src, args, pos) => {
    const size = numberOf(args.named.get('size')) ?? 0;
    const skip = numberOf(args.named.get('skip')) ?? 0;
    const remainder = truthy(args.named.get('remainder'));
    const [first, second] = args.positional;
    if (size > 0 || skip > 0) {
      if (first !== undefined)
        throw scriptError(ctx, pos, '`buffer` takes either `size:`/`skip:` or a closing criterion, not both');
      const { open, close } = sized(size, skip);
      return framed('buffer', open, close, remainder)(ctx, src, args, pos);
    }
    if (first === undefined)
      throw scriptError(ctx, pos, '`buffer` needs a closing criterion or `size:`', 'as in `buffer(size: 3)`');
    const open: Test | undefined = second === undefined ? undefined : (item) => isCase(first, item);
    const close: Test = (item) => isCase(second === undefined ? first : second, item);
    return framed('buffer', open, close, remainder)(ctx, src, args, pos);
  },
  // collate(size), collate(size, remainder), collate(size, step), collate(size, step, remainder): lists of `size`
  // items, a new one starting every `step` items (default `size`); the short lists at the end unless remainder false
  collate: (ctx, src, args, pos) => {
    const size = numberOf(args.positional[0]) ?? 0;
    const stepArg = numberOf(args.positional[1]);
    const step = stepArg ?? size;
    const remainder = args.positional[stepArg === undefined ? 1 : 2] !== false;
    if (size <= 0 || step <= 0)
      throw scriptError(ctx, pos, `\`collate\` needs a size and step greater than zero, got ${size} and ${step}`);
    return pump(ctx, false, [src], 'collate', pos, async (out) => {
      let open: unknown[][] = [];
      let index = 0;
      for await (const item of src.read()) {
        if (index++ % step === 0) open.push([]);
        for (const list of open) list.push(item);
        const head = open[0];
        if (head !== undefined && head.length === size) {
          out.emit(head);
          open = open.slice(1);
        }
      }
      if (remainder) for (const list of open) out.emit(list);
    });
  },
};
