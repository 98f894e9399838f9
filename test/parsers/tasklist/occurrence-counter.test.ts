import { describe, expect, it } from 'vitest';
import { createOccurrenceCounter, hash64 } from '../../../parsers/tasklist/occurrence-counter.js';

describe('createOccurrenceCounter', () => {
  it('numbers identical texts 0, 1, 2… and keeps other texts at 0', () => {
    const counter = createOccurrenceCounter();
    expect(['echo a', 'echo b', 'echo a', 'echo a', 'echo c', 'echo b'].map((t) => counter.next(t))).toEqual([
      0, 0, 1, 2, 0, 1,
    ]);
    expect(counter.distinct).toBe(3);
  });

  it('keeps counts while the table grows past its first size', () => {
    const counter = createOccurrenceCounter(16);
    let firsts = 0;
    for (let i = 0; i < 50_000; i++) firsts += counter.next(`gzip -9 file_${i}.txt`) === 0 ? 1 : 0;
    expect(firsts).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997) expect(counter.next(`gzip -9 file_${i}.txt`)).toBe(1);
    expect(counter.distinct).toBe(50_000);
  });

  it('tells texts apart that differ only in case, whitespace or one non-ASCII character', () => {
    const counter = createOccurrenceCounter();
    for (const text of ['echo a', 'echo A', 'echo  a', 'echo a ', 'echo ä', 'echo å', ''])
      expect(counter.next(text)).toBe(0);
  });

  it('holds a million distinct commands in under 32 MiB', () => {
    const counter = createOccurrenceCounter();
    for (let i = 0; i < 1_000_000; i++) counter.next(`t${i}`);
    expect(counter.distinct).toBe(1_000_000);
    expect(counter.bytes).toBeLessThan(32 * 2 ** 20);
  });

  it('hashes a million distinct short commands without a 64-bit collision', () => {
    const seen = new Set<bigint>();
    for (let i = 0; i < 1_000_000; i++) {
      const [high, low] = hash64(`echo ${i}`);
      seen.add((BigInt(high) << 32n) | BigInt(low));
    }
    expect(seen.size).toBe(1_000_000);
  });
});
