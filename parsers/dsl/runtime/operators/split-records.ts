// The record splitters of reference/operator.md: splitText, splitFasta, splitFastq and splitJson (with their
// options `by`, `limit`, `elem`, `file`, `compress`, `decompress`, `record`, `pe`, `path`), and the counters
// countLines, countFasta, countFastq and countJson.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Position } from '../../syntax/ast-expressions.js';
import { sha256 } from '../../../../engine/cache-key.js';
import type { CallArgs } from '../eval/arguments.js';
import type { EvalContext } from '../eval/context.js';
import { scriptError } from '../eval/script-error.js';
import { fromPlain } from '../groovy/plain.js';
import { isClosure, isPath, numberOf, pathValue, show, truthy } from '../values/values.js';
import type { OperatorImpl } from './operators.js';
import { pump } from './support.js';

// A format: how its text falls into entries (each a whole record's text), and an entry's record map.
interface Format {
  readonly entries: (text: string) => string[];
  readonly record?: (entry: string, fields: ReadonlySet<string> | undefined, width: number) => Map<unknown, unknown>;
}

// Lines with their newline (a last line without one gets it, as Nextflow's chunks always end with one).
function linesOf(text: string): string[] {
  return text
    .split(/(?<=\n)/)
    .filter((line) => line !== '')
    .map((line) => (line.endsWith('\n') ? line : `${line}\n`));
}

// FASTA: an entry from each `>` header line to the next (text before the first header is not a sequence).
function fastaEntries(text: string): string[] {
  const entries: string[] = [];
  for (const line of linesOf(text)) {
    if (line.startsWith('>')) entries.push(line);
    else if (entries.length > 0) entries[entries.length - 1] += line;
  }
  return entries;
}

// A FASTA record with the fields asked for (all of them when `fields` is undefined).
function fastaRecord(entry: string, fields: ReadonlySet<string> | undefined, width: number): Map<unknown, unknown> {
  const [head = '', ...rest] = entry.split('\n').map((l) => l.trim());
  const header = head.slice(1);
  const body = rest.filter((l) => l !== '' && !l.startsWith(';'));
  const seqString = body.join('');
  // `sequence` keeps the file's lines unless a `width` re-wraps them
  const wrapped = width > 0 ? (seqString.match(new RegExp(`.{1,${width}}`, 'g')) ?? []) : body;
  const all: [string, unknown][] = [
    ['id', header.split(' ')[0] ?? ''],
    ['header', header],
    ['desc', /^\S+\s+(.*)$/.exec(header)?.[1] ?? null],
    ['text', entry],
    ['seqString', seqString],
    ['sequence', wrapped.map((l) => `${l}\n`).join('')],
  ];
  return new Map(all.filter(([name]) => fields === undefined || fields.has(name)));
}

// FASTQ: four lines per read.
function fastqEntries(text: string): string[] {
  const lines = linesOf(text).filter((line) => line.trim() !== '');
  const entries: string[] = [];
  for (let i = 0; i + 3 < lines.length; i += 4) entries.push(lines.slice(i, i + 4).join(''));
  return entries;
}

// A FASTQ record: readHeader, readString, qualityHeader, qualityString.
function fastqRecord(entry: string, fields: ReadonlySet<string> | undefined): Map<unknown, unknown> {
  const [h = '', s = '', q = '', qs = ''] = entry.split('\n');
  const all: [string, unknown][] = [
    ['readHeader', h.replace(/^@/, '')],
    ['readString', s],
    ['qualityHeader', q.replace(/^\+/, '')],
    ['qualityString', qs],
  ];
  return new Map(all.filter(([name]) => fields === undefined || fields.has(name)));
}

const FORMATS: Readonly<Record<string, Format>> = {
  text: { entries: linesOf },
  fasta: { entries: fastaEntries, record: fastaRecord },
  fastq: { entries: fastqEntries, record: (entry, fields) => fastqRecord(entry, fields) },
};

// The text of a split source: a file's content (gunzipped when it ends in .gz or `decompress: true`), or the value.
function sourceText(value: unknown, decompress: boolean): string {
  if (!isPath(value)) return show(value);
  const bytes = readFileSync(value.path);
  return decompress || value.path.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
}

// The elements of an item to split: `elem` when given, else the first file, else the first element (tuples);
// `pe: true` splits every file of the tuple, in step.
function splitIndices(item: unknown, args: CallArgs): number[] | undefined {
  if (!Array.isArray(item)) return undefined;
  const elem = numberOf(args.named.get('elem'));
  if (elem !== undefined) return [elem < 0 ? item.length + elem : elem];
  const files = item.flatMap((v, i) => (isPath(v) ? [i] : []));
  if (truthy(args.named.get('pe') ?? false)) return files;
  return [files[0] ?? 0];
}

// Where `file:` chunks go: the given directory, else a folder of the launch dir's work/tmp per source and options.
function chunkFile(ctx: EvalContext, args: CallArgs, source: unknown, n: number, text: string): unknown {
  const option = args.named.get('file');
  const given = typeof option === 'string' ? option : isPath(option) ? option.path : undefined;
  const intoDir = given !== undefined && existsSync(given) && statSync(given).isDirectory() ? given : undefined;
  const sourceName = isPath(source) ? basename(source.path).replace(/\.gz$/, '') : 'chunk';
  const stem = given !== undefined && intoDir === undefined ? basename(given) : sourceName;
  const ext = extname(stem);
  let name = `${ext === '' ? stem : stem.slice(0, -ext.length)}.${n}${ext}`;
  const compress = truthy(args.named.get('compress') ?? false);
  if (compress) name += '.gz';
  const key = sha256(`${isPath(source) ? source.path : show(source)}\0${show(option)}\0${String(compress)}`);
  const dir = intoDir ?? join(ctx.module.runtime.launchDir, 'work', 'tmp', key.slice(0, 2), key.slice(2, 32));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), compress ? gzipSync(text) : text);
  return pathValue(join(dir, name));
}

// The chunks of one source value: `by` entries joined as text (or saved as files), or records with `record:`.
function chunksOf(ctx: EvalContext, format: Format, args: CallArgs, source: unknown, pos: Position): unknown[] {
  const by = Math.max(1, numberOf(args.named.get('by')) ?? 1);
  const limit = numberOf(args.named.get('limit'));
  let entries = format.entries(sourceText(source, truthy(args.named.get('decompress') ?? false)));
  if (limit !== undefined && limit > 0) entries = entries.slice(0, limit);
  const recordOption = args.named.get('record');
  if (recordOption !== undefined && recordOption !== false) {
    if (format.record === undefined) throw scriptError(ctx, pos, 'this operator has no `record` option');
    const fields = recordOption instanceof Map ? new Set([...recordOption.keys()].map(show)) : undefined;
    const width = recordOption instanceof Map ? (numberOf(recordOption.get('width')) ?? 0) : 0;
    const records = entries.map((entry) => format.record?.(entry, fields, width));
    return by === 1 ? records : groups(records, by);
  }
  const chunks = groups(entries, by).map((group) => group.join(''));
  const toFile = args.named.has('file') && args.named.get('file') !== false;
  return toFile ? chunks.map((text, i) => chunkFile(ctx, args, source, i + 1, text)) : chunks;
}

// `items` in groups of `size`, the last one possibly shorter.
function groups<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// The values one source item splits into: its chunks, in the item's place within a tuple.
function splitItem(ctx: EvalContext, format: Format, args: CallArgs, item: unknown, pos: Position): unknown[] {
  const indices = splitIndices(item, args);
  if (indices === undefined || !Array.isArray(item)) return chunksOf(ctx, format, args, item, pos);
  const columns = indices.map((i) => chunksOf(ctx, format, args, item[i], pos));
  const count = Math.min(...columns.map((c) => c.length));
  return Array.from({ length: count }, (_, n) => {
    const copy = [...item];
    indices.forEach((i, k) => (copy[i] = columns[k]?.[n]));
    return copy;
  });
}

// A splitter operator over `format`.
function splitter(name: string, format: Format): OperatorImpl {
  return (ctx, src, args, pos) =>
    pump(ctx, false, [src], name, pos, async (out) => {
      const fn = args.positional.find(isClosure);
      for await (const item of src.read())
        for (const value of splitItem(ctx, format, args, item, pos))
          out.emit(fn === undefined ? value : fn.call([value]));
    });
}

// The JSON node at a path such as `.a.b[0]` (the empty path is the document).
function jsonAt(node: unknown, path: string): unknown {
  let current = node;
  for (const [, key, index] of path.matchAll(/(?:^|\.)([^.[\]]+)|\[(\d+)\]/g)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = key !== undefined ? (current as Record<string, unknown>)[key] : (current as unknown[])[Number(index)];
  }
  return current;
}

// The records of a JSON document: an array's elements, or an object's entries as `[key: k, value: v]`.
function jsonRecords(item: unknown, args: CallArgs): unknown[] {
  const node = jsonAt(JSON.parse(sourceText(item, false)), show(args.named.get('path') ?? ''));
  const records = Array.isArray(node)
    ? node.map((v) => fromPlain(v))
    : node !== null && typeof node === 'object'
      ? Object.entries(node).map(
          ([key, value]) =>
            new Map<unknown, unknown>([
              ['key', key],
              ['value', fromPlain(value)],
            ]),
        )
      : [];
  const limit = numberOf(args.named.get('limit'));
  return limit !== undefined && limit > 0 ? records.slice(0, limit) : records;
}

// A counter: the number of records over all items, as one value.
function counter(name: string, count: (item: unknown, args: CallArgs) => number): OperatorImpl {
  return (ctx, src, args, pos) =>
    pump(ctx, true, [src], name, pos, async (out) => {
      let total = 0;
      for await (const item of src.read()) total += count(item, args);
      out.emit(total);
    });
}

// How many entries of `format` one item holds (the element `elem` selects, in a tuple).
function entryCount(format: Format): (item: unknown, args: CallArgs) => number {
  return (item, args) => {
    const index = splitIndices(item, args)?.[0];
    const source = Array.isArray(item) && index !== undefined ? item[index] : item;
    return format.entries(sourceText(source, truthy(args.named.get('decompress') ?? false))).length;
  };
}

export const splitRecordOperators: Readonly<Record<string, OperatorImpl>> = {
  splitText: splitter('splitText', FORMATS.text as Format),
  splitFasta: splitter('splitFasta', FORMATS.fasta as Format),
  splitFastq: splitter('splitFastq', FORMATS.fastq as Format),
  splitJson: (ctx, src, args, pos) =>
    pump(ctx, false, [src], 'splitJson', pos, async (out) => {
      const fn = args.positional.find(isClosure);
      for await (const item of src.read()) {
        const index = splitIndices(item, args)?.[0];
        const source = Array.isArray(item) && index !== undefined ? item[index] : item;
        for (const record of jsonRecords(source, args)) {
          const value =
            Array.isArray(item) && index !== undefined ? item.map((v, i) => (i === index ? record : v)) : record;
          out.emit(fn === undefined ? value : fn.call([value]));
        }
      }
    }),
  countLines: counter('countLines', entryCount(FORMATS.text as Format)),
  countFasta: counter('countFasta', entryCount(FORMATS.fasta as Format)),
  countFastq: counter('countFastq', entryCount(FORMATS.fastq as Format)),
  countJson: counter('countJson', (item, args) => jsonRecords(item, args).length),
};
