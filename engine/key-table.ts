// The cache keys of finished tasks, each with the run that holds it: what a resume may reuse. A million-task resume
// holds a million keys, so a hex sha256 key (what taskKey() makes) is kept as its 32 bytes in one typed array behind
// an open-addressing index: a third of the memory of a Map of strings, and no object per key for the garbage
// collector to trace while the run goes on. Any other key goes to a plain Map. Keys are compared whole: exact.

// What a resume reads of the keys.
export interface KeyLookup {
  get(key: string): string | undefined;
  has(key: string): boolean;
  readonly size: number;
}

const WORDS = 8; // 32-bit words of a sha256
const HEX_LENGTH = WORDS * 8;
const EMPTY = -1;

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

  // `expected`: how many keys will be set (room is made for them at once; more still fit).
  constructor(expected = 0) {
    const room = powerOfTwo(Math.max(expected, 1024));
    this.words = new Int32Array(room * WORDS);
    this.runOf = new Uint32Array(room);
    this.slots = new Int32Array(room * 2).fill(EMPTY);
  }

  get size(): number {
    return this.count + this.other.size;
  }

  get(key: string): string | undefined {
    if (!this.parse(key)) return this.other.get(key);
    const entry = this.slots[this.find()] as number;
    return entry === EMPTY ? undefined : this.runs[this.runOf[entry] as number];
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  // Sets (or replaces) the run of a key.
  set(key: string, runId: string): this {
    if (!this.parse(key)) {
      this.other.set(key, runId);
      return this;
    }
    let run = this.runNumbers.get(runId);
    if (run === undefined) {
      run = this.runs.push(runId) - 1;
      this.runNumbers.set(runId, run);
    }
    const slot = this.find();
    const found = this.slots[slot] as number;
    if (found !== EMPTY) {
      this.runOf[found] = run;
      return this;
    }
    if (this.count === this.runOf.length) {
      this.grow();
      return this.set(key, runId);
    }
    const entry = this.count++;
    this.words.set(this.parsed, entry * WORDS);
    this.runOf[entry] = run;
    this.slots[slot] = entry;
    return this;
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

  // Reads a 64-digit lowercase hex key into `parsed`; false for any other key.
  private parse(key: string): boolean {
    if (key.length !== HEX_LENGTH) return false;
    for (let w = 0; w < WORDS; w++) {
      let word = 0;
      for (let i = w * 8; i < w * 8 + 8; i++) {
        const code = key.charCodeAt(i);
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

  // Doubles the room for entries and rebuilds the index.
  private grow(): void {
    const room = this.runOf.length * 2;
    const words = new Int32Array(room * WORDS);
    words.set(this.words);
    const runOf = new Uint32Array(room);
    runOf.set(this.runOf);
    this.words = words;
    this.runOf = runOf;
    this.slots = new Int32Array(room * 2).fill(EMPTY);
    const mask = this.slots.length - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let slot = (words[entry * WORDS] as number) & mask;
      while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.slots[slot] = entry;
    }
  }
}
