import { describe, expect, it } from 'vitest';
import { sha256 } from '../../engine/cache-key.js';
import { KeyTable } from '../../engine/key-table.js';

const key = (n: number): string => sha256(`key ${n}`);

describe('KeyTable', () => {
  it('maps hex sha256 keys to runs, growing past the room it started with', () => {
    const table = new KeyTable();
    for (let i = 0; i < 5000; i++) table.set(key(i), i % 2 === 0 ? 'even' : 'odd');
    expect(table.size).toBe(5000);
    for (let i = 0; i < 5000; i++) expect(table.get(key(i))).toBe(i % 2 === 0 ? 'even' : 'odd');
    expect(table.get(key(5000))).toBeUndefined();
    expect(table.has(key(4999))).toBe(true);
    expect(table.has(key(5001))).toBe(false);
  });

  it('tells apart keys that share all but their last digit, and replaces the run of a key set twice', () => {
    const a = key(1);
    const b = `${a.slice(0, 63)}${a[63] === '0' ? '1' : '0'}`;
    const table = new KeyTable();
    table.set(a, 'r1').set(b, 'r2').set(a, 'r3');
    expect(table.size).toBe(2);
    expect(table.get(a)).toBe('r3');
    expect(table.get(b)).toBe('r2');
  });

  it('keeps any other key exactly as given, apart from hex keys', () => {
    const hex = key(7);
    const table = new KeyTable();
    table.set('k1', 'r1').set(hex.toUpperCase(), 'upper').set(`${hex}0`, 'long').set(hex, 'hex');
    expect(table.size).toBe(4);
    expect(table.get('k1')).toBe('r1');
    expect(table.get(hex.toUpperCase())).toBe('upper');
    expect(table.get(`${hex}0`)).toBe('long');
    expect(table.get(hex)).toBe('hex');
    expect(table.get(hex.slice(0, 63))).toBeUndefined();
    expect(table.get('k2')).toBeUndefined();
  });

  it('lists every key with its run, the hex ones spelled as they were set', () => {
    const table = new KeyTable();
    const keys = Array.from({ length: 1500 }, (_, i) => key(i));
    // Keys with zero words and leading zeros spell back with their zeros.
    keys.push('0'.repeat(64), `${'0'.repeat(8)}${'f'.repeat(56)}`);
    for (const k of keys) table.set(k, 'r');
    table.set('plain', 'p');
    expect(new Map(table)).toEqual(new Map([...keys.map((k): [string, string] => [k, 'r']), ['plain', 'p']]));
    expect([...table.keys()]).toHaveLength(keys.length + 1);
  });
});
