// The cache keys of finished tasks, each with the run that holds it: what a resume may reuse. A million-task resume
// holds a million keys, so a hex sha256 key (what taskKey() makes) is kept as its 32 bytes in one typed array behind
// an open-addressing index: a third of the memory of a Map of strings, and no object per key for the garbage
// collector to trace while the run goes on. Any other key goes to a plain Map. Keys are compared whole: exact.

import { LoadedRows } from './key-rows.js';

export { keyRowSql, reuseFields } from './key-rows.js';

// What a resume reads of the keys.
export interface KeyLookup {
  get(key: string): string | undefined;
  has(key: string): boolean;
  readonly size: number;
  // The row that holds `key` when its other fields are `fields` (reuseFields()): a reuse the same as that row may be
  // recorded by its row id alone. Undefined when the row is not known or differs.
  source?(key: string, fields: string): ReuseSource | undefined;
}

// A row of an earlier run: its run and its row id.
export interface ReuseSource {
  readonly run: string;
  readonly row: number;
}

const WORDS = 8; // 32-bit words of a sha256
const HEX_LENGTH = WORDS * 8;
const EMPTY = -1;
const OTHER = -2;
const NO_ROW = -1;
const RS = 30; // \x1e
const FIELDS_PER_CHUNK = 4096; // the fields of this many rows joined into one string

// Value of each lowercase hex digit by char code, -1 for any other character.
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX['0123456789abcdef'.charCodeAt(i)] = i;

// The smallest power of two not below n.
const powerOfTwo = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(n, 1)));

export class KeyTable implements KeyLookup {
  private words: Int32Array; // WORDS per entry, in insertion order
  private runOf: Uint32Array; // per entry, its run's number in `runs`
  private slots: Int32Array; // open addressing: an entry number or EMPTY; twice the entries' room
  private count = 0;
  private readonly runs: string[] = [];
  private readonly runNumbers = new Map<string, number>();
  private readonly other = new Map<string, string>();
  private readonly parsed = new Int32Array(WORDS);
  // Per entry, when set from a row: its row id (else NO_ROW), its run's number, and where its fields are (chunk,
  // start, length): the fields of many rows joined into one flat string, so a row's fields are no object of their own.
  private rowIds: Float64Array;
  private rowRun: Uint32Array;
  private fieldsAt: Uint32Array; // 3 per entry
  private readonly chunks: string[] = [];
  private pending: string[] = [];
  private pendingLength = 0;
  private lastKey: string | undefined;
  private lastEntry = EMPTY;
  private readonly loaded = new LoadedRows();

  // `expected`: how many keys will be set (room is made for them at once; more still fit).
  constructor(expected = 0) {
    const room = powerOfTwo(Math.max(expected, 1024));
    this.words = new Int32Array(room * WORDS);
    this.runOf = new Uint32Array(room);
    this.slots = new Int32Array(room * 2).fill(EMPTY);
    this.rowIds = new Float64Array(room).fill(NO_ROW);
    this.rowRun = new Uint32Array(room);
    this.fieldsAt = new Uint32Array(room * 3);
  }

  get size(): number {
    return this.count + this.other.size;
  }

  get(key: string): string | undefined {
    const entry = this.entryOf(key);
    if (entry === OTHER) return this.other.get(key);
    return entry === EMPTY ? undefined : this.runs[this.runOf[entry] as number];
  }

  source(key: string, fields: string): ReuseSource | undefined {
    const entry = this.entryOf(key);
    if (entry < 0) return undefined;
    const row = this.rowIds[entry] as number;
    if (row === NO_ROW) return undefined;
    const at = entry * 3;
    const length = this.fieldsAt[at + 2] as number;
    if (fields.length !== length) return undefined;
    const chunk = this.fieldsAt[at] as number;
    if (chunk === this.chunks.length) this.closeChunk();
    if (!(this.chunks[chunk] as string).startsWith(fields, this.fieldsAt[at + 1] as number)) return undefined;
    return { run: this.runs[this.rowRun[entry] as number] as string, row };
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  // Makes room for `n` keys in all at once, instead of doubling the room as they come (each doubling copies them).
  reserve(n: number): void {
    if (n > this.runOf.length) this.grow(powerOfTwo(n));
  }

  // Sets (or replaces) the run of a key, with no row.
  set(key: string, runId: string): this {
    this.lastKey = undefined;
    if (key.length !== HEX_LENGTH || !this.parse(key)) {
      this.other.set(key, runId);
      return this;
    }
    this.rowIds[this.put(this.runNumber(runId))] = NO_ROW;
    return this;
  }

  // Sets (or replaces) a key from its row as keyRowSql() reads it; `rowRun` is the run the row belongs to. -1, or
  // the row id of a row whose key is no hex key: the caller sets that one with set().
  setRow(line: string, rowRun: string): number {
    this.lastKey = undefined;
    let at = 0;
    let row = 0;
    for (let code = line.charCodeAt(at); code !== RS && at < line.length; code = line.charCodeAt(++at)) {
      row = row * 10 + code - 48;
    }
    const fromEnd = line.indexOf('\x1e', ++at);
    const runId = fromEnd === at ? rowRun : line.slice(at, fromEnd);
    const fieldsFrom = fromEnd + 1 + HEX_LENGTH + 1;
    if (line.charCodeAt(fieldsFrom - 1) !== RS || !this.parse(line, fromEnd + 1)) return row;
    const entry = this.put(this.runNumber(runId));
    this.loaded.add(row, entry);
    this.rowIds[entry] = row;
    this.rowRun[entry] = this.runNumber(rowRun);
    const fields = line.slice(fieldsFrom);
    const chunk = entry * 3;
    this.fieldsAt[chunk] = this.chunks.length;
    this.fieldsAt[chunk + 1] = this.pendingLength;
    this.fieldsAt[chunk + 2] = fields.length;
    this.pending.push(fields);
    this.pendingLength += fields.length;
    if (this.pending.length === FIELDS_PER_CHUNK) this.closeChunk();
    return NO_ROW;
  }

  // Whether the rows `first` to `last` of the run `rowRun` were set from (setRow) and are still their keys' rows: then
  // setting them again would change nothing.
  holds(first: number, last: number, rowRun: string): boolean {
    const run = this.runNumbers.get(rowRun);
    if (run === undefined) return false;
    return this.loaded.covers(first, last, (entry, row) => this.rowIds[entry] === row && this.rowRun[entry] === run);
  }

  // Every key with its run.
  *entries(): IterableIterator<[string, string]> {
    for (let entry = 0; entry < this.count; entry++) {
      let key = '';
      for (let w = 0; w < WORDS; w++)
        key += ((this.words[entry * WORDS + w] as number) >>> 0).toString(16).padStart(8, '0');
      yield [key, this.runs[this.runOf[entry] as number] as string];
    }
    yield* this.other.entries();
  }

  *keys(): IterableIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  // The entry of a key: EMPTY when absent, OTHER when it is no hex key (see `other`); remembers the last key asked.
  private entryOf(key: string): number {
    if (key === this.lastKey) return this.lastEntry;
    const entry = key.length === HEX_LENGTH && this.parse(key) ? (this.slots[this.find()] as number) : OTHER;
    this.lastKey = key;
    this.lastEntry = entry;
    return entry;
  }

  // The number of a run in `runs`.
  private runNumber(runId: string): number {
    let run = this.runNumbers.get(runId);
    if (run === undefined) {
      run = this.runs.push(runId) - 1;
      this.runNumbers.set(runId, run);
    }
    return run;
  }

  // Sets the parsed key's run, adding an entry when it has none; its entry.
  private put(run: number): number {
    const slot = this.find();
    const found = this.slots[slot] as number;
    if (found !== EMPTY) {
      this.runOf[found] = run;
      return found;
    }
    if (this.count === this.runOf.length) {
      this.grow(this.runOf.length * 2);
      return this.put(run);
    }
    const entry = this.count++;
    this.words.set(this.parsed, entry * WORDS);
    this.runOf[entry] = run;
    this.slots[slot] = entry;
    return entry;
  }

  // Joins the pending rows' fields into one string.
  private closeChunk(): void {
    this.chunks.push(this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }

  // Reads the 64 lowercase hex digits at `from` of `text` into `parsed`; false if they are not.
  private parse(text: string, from = 0): boolean {
    if (text.length < from + HEX_LENGTH) return false;
    for (let w = 0; w < WORDS; w++) {
      let word = 0;
      for (let i = from + w * 8; i < from + w * 8 + 8; i++) {
        const code = text.charCodeAt(i);
        const digit = code < 128 ? (HEX[code] as number) : -1;
        if (digit < 0) return false;
        word = (word << 4) | digit;
      }
      this.parsed[w] = word;
    }
    return true;
  }

  // The slot of the parsed key: where it is, or the empty slot where it would go. The words are a hash already.
  private find(): number {
    const mask = this.slots.length - 1;
    const { parsed, words, slots } = this;
    for (let slot = (parsed[0] as number) & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot] as number;
      if (entry === EMPTY) return slot;
      let w = 0;
      while (w < WORDS && words[entry * WORDS + w] === parsed[w]) w++;
      if (w === WORDS) return slot;
    }
  }

  // Makes room for `room` entries (a power of two) and rebuilds the index.
  private grow(room: number): void {
    const words = new Int32Array(room * WORDS);
    words.set(this.words);
    const runOf = new Uint32Array(room);
    runOf.set(this.runOf);
    this.words = words;
    this.runOf = runOf;
    const rowIds = new Float64Array(room).fill(NO_ROW);
    rowIds.set(this.rowIds);
    this.rowIds = rowIds;
    const rowRun = new Uint32Array(room);
    rowRun.set(this.rowRun);
    this.rowRun = rowRun;
    const fieldsAt = new Uint32Array(room * 3);
    fieldsAt.set(this.fieldsAt);
    this.fieldsAt = fieldsAt;
    this.slots = new Int32Array(room * 2).fill(EMPTY);
    const mask = this.slots.length - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let slot = (words[entry * WORDS] as number) & mask;
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.slots[slot] = entry;
    }
  }
}
