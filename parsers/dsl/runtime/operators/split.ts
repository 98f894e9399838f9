// splitCsv: file or text items into rows (lists, or maps with `header`); the other splitters are in split-records.ts.
import { readFileSync } from 'node:fs';
import type { OperatorImpl } from './operators.js';
import { pump } from './support.js';
import { isPath, numberOf, show, truthy } from '../values/values.js';

// The text of an item: a path's content, or the item as text.
function textOf(item: unknown): string {
  return isPath(item) ? readFileSync(item.path, 'utf8') : show(item);
}

// Splits one CSV line on `sep`, honouring double quotes.
export function splitCsvLine(line: string, sep: string, quote: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === quote) {
      if (quoted && line[i + 1] === quote) {
        cell += quote;
        i++;
      } else quoted = !quoted;
    } else if (!quoted && line.startsWith(sep, i)) {
      cells.push(cell);
      cell = '';
      i += sep.length - 1;
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

export const splitOperators: Readonly<Record<string, OperatorImpl>> = {
  splitCsv: (ctx, src, args, pos) =>
    pump(ctx, false, [src], 'splitCsv', pos, async (out) => {
      // an empty (Groovy-false) sep or quote keeps the default, as Nextflow's CsvSplitter does
      const sep = truthy(args.named.get('sep')) ? show(args.named.get('sep')) : ',';
      const quote = truthy(args.named.get('quote')) ? show(args.named.get('quote')) : '"';
      const header = args.named.get('header');
      const skip = numberOf(args.named.get('skip')) ?? 0;
      const strip = truthy(args.named.get('strip'));
      for await (const item of src.read()) {
        const lines = textOf(item)
          .split(/\r?\n/)
          .filter((line) => line.trim() !== '')
          .slice(skip);
        let names: string[] | undefined = Array.isArray(header) ? header.map(show) : undefined;
        for (const line of lines) {
          const cells = splitCsvLine(line, sep, quote).map((cell) => (strip ? cell.trim() : cell));
          if (header === true && names === undefined) {
            names = cells;
            continue;
          }
          out.emit(
            names === undefined ? cells : new Map<unknown, unknown>(names.map((name, i) => [name, cells[i] ?? null])),
          );
        }
      }
    }),
};
