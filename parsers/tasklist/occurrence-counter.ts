// Counts repeats of identical commands in a long list with a few bytes per distinct command, not the strings.

export interface OccurrenceCounter {
  // How many times this text was seen before (0 the first time); records this sighting.
  next(text: string): number;
  readonly distinct: number;
  readonly bytes: number; // memory held by the table
}

const STRIDE = 3; // per slot: high hash, low hash, sightings (0 marks an empty slot)

// Creates a counter keyed by a 64-bit hash of each text: open addressing in one typed array, grown at half full.
// Two texts share a count only if all 64 bits collide (about 1 in 30 million for a million distinct texts).
export function createOccurrenceCounter(initialCapacity = 1024): OccurrenceCounter {
  let capacity = 1 << Math.max(4, Math.ceil(Math.log2(initialCapacity)));
  let table = new Uint32Array(capacity * STRIDE);
  let distinct = 0;

  // Finds the offset of a hash's slot: its own if present, else the empty slot where it belongs.
  const slotOf = (high: number, low: number): number => {
    const mask = capacity - 1;
    let slot = low & mask;
    for (;;) {
      const at = slot * STRIDE;
      if (table[at + 2] === 0 || (table[at] === high && table[at + 1] === low)) return at;
      slot = (slot + 1) & mask;
    }
  };

  // Doubles the table, re-inserting every entry.
  const grow = (): void => {
    const old = table;
    capacity *= 2;
    table = new Uint32Array(capacity * STRIDE);
    for (let at = 0; at < old.length; at += STRIDE) {
      if (old[at + 2] === 0) continue;
      const to = slotOf(old[at]!, old[at + 1]!);
      table.set(old.subarray(at, at + STRIDE), to);
    }
  };

  return {
    next(text) {
      hashInto(text);
      let at = slotOf(hashHigh, hashLow);
      const before = table[at + 2]!;
      if (before === 0) {
        if ((distinct + 1) * 2 > capacity) {
          grow();
          at = slotOf(hashHigh, hashLow);
        }
        table[at] = hashHigh;
        table[at + 1] = hashLow;
        distinct++;
      }
      table[at + 2] = before + 1;
      return before;
    },
    get distinct() {
      return distinct;
    },
    get bytes() {
      return table.byteLength;
    },
  };
}

// The two halves of the last hash computed by hashInto; module scratch so the hot loop allocates nothing.
let hashHigh = 0;
let hashLow = 0;

// Hashes the text's UTF-16 code units, two per step, twice (FNV-1a style and a rotate-multiply mix), then finalises.
function hashInto(text: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ text.length;
  const pairs = text.length & ~1;
  for (let i = 0; i < pairs; i += 2) {
    const c = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(((b << 13) | (b >>> 19)) ^ c, 0x5bd1e995);
  }
  if (pairs < text.length) {
    const c = text.charCodeAt(pairs);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(((b << 13) | (b >>> 19)) ^ c, 0x5bd1e995);
  }
  hashHigh = mix32(a) >>> 0;
  hashLow = mix32(b ^ 0x2545f491) >>> 0;
}

// The 64-bit hash the counter keys texts by, as two unsigned 32-bit halves.
export function hash64(text: string): [number, number] {
  hashInto(text);
  return [hashHigh, hashLow];
}

// Murmur3's finaliser: spreads every input bit over the whole word.
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}
