import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../engine/cache-key.js';
import { KeyTable, keyRowSql, reuseFields } from '../../engine/key-table.js';

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

  it('keeps the keys it held when room is reserved after some were set, and fits more than it reserved', () => {
    const table = new KeyTable();
    for (let i = 0; i < 100; i++) table.set(key(i), 'before');
    table.reserve(3000);
    for (let i = 100; i < 5000; i++) table.set(key(i), 'after');
    table.reserve(10); // less than it holds: nothing changes
    expect(table.size).toBe(5000);
    for (let i = 0; i < 5000; i++) expect(table.get(key(i))).toBe(i < 100 ? 'before' : 'after');
    expect(table.get(key(5000))).toBeUndefined();
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

// A table with the columns keyRowSql() reads, holding `rows`; their lines as keyRowSql(`from`) selects them.
function rowLines(rows: readonly Record<string, unknown>[], from = "ifnull(cached_from, '')"): string[] {
  const db = new Database(':memory:');
  try {
    db.exec(`CREATE TABLE tasks (key TEXT NOT NULL, task_id TEXT NOT NULL, step_id TEXT NOT NULL, idx INTEGER NOT NULL,
      occurrence INTEGER, tags TEXT, work_dir TEXT, cached_from TEXT)`);
    const insert = db.prepare(
      'INSERT INTO tasks VALUES (@key, @task_id, @step_id, @idx, @occurrence, @tags, @work_dir, @cached_from)',
    );
    for (const row of rows) {
      insert.run({ occurrence: null, tags: null, work_dir: null, cached_from: null, ...row });
    }
    return db
      .prepare(`SELECT ${keyRowSql(from)} FROM tasks ORDER BY rowid`)
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}

describe('KeyTable rows', () => {
  const task = { task_id: '7', step_id: 'list', idx: 6 };

  it('offers the row of a key for a task whose other fields are the same, and only then', () => {
    const tags = JSON.stringify({ sample: 'A1' });
    const table = new KeyTable();
    const lines = rowLines([
      { key: key(1), ...task },
      { key: key(2), ...task, occurrence: 3, tags, work_dir: '/w/ab/cd' },
      { key: key(3), ...task, cached_from: 'r0' },
    ]);
    for (const line of lines) expect(table.setRow(line, 'r1')).toBe(-1);
    expect(table.get(key(1))).toBe('r1');
    expect(table.get(key(3))).toBe('r0'); // reused by r1 from r0: r0 ran it
    const same = reuseFields('7', 'list', 6, undefined, undefined, undefined) as string;
    expect(table.source(key(1), same)).toEqual({ run: 'r1', row: 1 });
    expect(table.source(key(3), same)).toEqual({ run: 'r1', row: 3 });
    expect(table.source(key(2), reuseFields('7', 'list', 6, 3, tags, '/w/ab/cd') as string)).toEqual({
      run: 'r1',
      row: 2,
    });
    for (const other of [
      reuseFields('8', 'list', 6, undefined, undefined, undefined),
      reuseFields('7', 'other', 6, undefined, undefined, undefined),
      reuseFields('7', 'list', 7, undefined, undefined, undefined),
      reuseFields('7', 'list', 6, 0, undefined, undefined),
      reuseFields('7', 'list', 6, undefined, '{}', undefined),
      reuseFields('7', 'list', 6, undefined, undefined, '/w/ab/cd'),
    ]) {
      expect(table.source(key(1), other as string)).toBeUndefined();
    }
    expect(table.source(key(2), reuseFields('7', 'list', 6, 3, tags, '/w/ab/ce') as string)).toBeUndefined();
    expect(table.source(key(4), same)).toBeUndefined();
    // A key set again without its row has none.
    table.set(key(1), 'r2');
    expect(table.get(key(1))).toBe('r2');
    expect(table.source(key(1), same)).toBeUndefined();
  });

  it('keeps the rows of many keys apart, the latest row of a key winning', () => {
    const table = new KeyTable();
    const n = 10_000;
    const rows = Array.from({ length: n }, (_, i) => ({ key: key(i), task_id: String(i + 1), step_id: 's', idx: i }));
    for (const line of rowLines(rows)) table.setRow(line, 'r1');
    for (const line of rowLines(rows.slice(0, 10))) table.setRow(line, 'r2');
    for (let i = 0; i < n; i++) {
      const fields = reuseFields(String(i + 1), 's', i, undefined, undefined, undefined) as string;
      expect(table.source(key(i), fields)).toEqual({ run: i < 10 ? 'r2' : 'r1', row: i < 10 ? i + 1 : i + 1 });
      expect(table.source(key(i), `${fields}x`)).toBeUndefined();
    }
  });

  it('tells whether it holds a span of rows as they were read, so ranges over them need no reading', () => {
    const table = new KeyTable();
    const rows = Array.from({ length: 20 }, (_, i) => ({ key: key(i), task_id: String(i + 1), step_id: 's', idx: i }));
    for (const line of rowLines(rows)) table.setRow(line, 'r1');
    expect(table.holds(1, 20, 'r1')).toBe(true);
    expect(table.holds(5, 5, 'r1')).toBe(true);
    expect(table.holds(5, 21, 'r1')).toBe(false);
    expect(table.holds(1, 20, 'r2')).toBe(false);
    // A later row for key 9 (row 10): spans over row 10 are no longer held as read; others still are.
    table.set(key(9), 'r3');
    expect(table.holds(1, 20, 'r1')).toBe(false);
    expect(table.holds(11, 20, 'r1')).toBe(true);
  });

  it('hands back the row of a key it cannot hold, and gives no fields holding the separator', () => {
    const table = new KeyTable();
    const [plain, long] = rowLines([
      { key: 'k1', ...task },
      { key: `${key(1).slice(0, 63)}Z`, ...task },
    ]) as [string, string];
    expect(table.setRow(plain, 'r1')).toBe(1);
    expect(table.setRow(long, 'r1')).toBe(2);
    expect(table.size).toBe(0);
    expect(reuseFields('a\x1fb', 's', 0, undefined, undefined, undefined)).toBeUndefined();
    expect(reuseFields('a', 's', 0, undefined, undefined, '/w/\x1f')).toBeUndefined();
  });
});
