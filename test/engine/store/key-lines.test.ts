import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { spanLines, type SpanRead } from '../../../engine/store/key-lines.js';
import { connectSqlite } from '../../../engine/store/sqlite-connection.js';

const SQL = "SELECT rowid || char(30) || v FROM t WHERE grp = ? AND rowid BETWEEN ? AND ? AND v <> 'skip'";
const open: Database[] = [];

// A file database of `n` rows in two groups, every tenth row of group 'a' left out by the statement.
function database(n: number, text = 'line'): Database {
  const db = connectSqlite(join(mkdtempSync(join(tmpdir(), 'pipe-key-lines-')), 'lines.db'));
  open.push(db);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (grp TEXT, v TEXT)');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 1; i <= n; i++) insert.run(i % 3 === 0 ? 'b' : 'a', i % 10 === 0 ? 'skip' : `${text} ${i} \u00e9`);
  })();
  return db;
}

const read = (db: Database, path = db.name): SpanRead => ({ statement: db.prepare(SQL).pluck(), sql: SQL, path });
const oneStatement = (db: Database, first: number, last: number): string[] =>
  db.prepare(SQL).pluck().all('a', first, last) as string[];

afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

describe('the lines of a span of row ids', () => {
  it('read by two connections, come out as one statement gives them, across many messages of the worker', () => {
    const db = database(60_000);
    const lines = [...spanLines(read(db), ['a'], 1, 60_000, 1)];
    expect(lines).toEqual(oneStatement(db, 1, 60_000));
    expect(lines.length).toBeGreaterThan(3 * 8192);
  });

  it("take the upper part from the worker's own connection", () => {
    const db = database(40_000);
    const worker = database(40_000, 'copy');
    const lines = [...spanLines(read(db, worker.name), ['a'], 1, 40_000, 1)];
    const split = lines.findIndex((line) => line.includes('copy'));
    expect(split).toBeGreaterThan(0);
    expect(lines.slice(0, split)).toEqual(oneStatement(db, 1, 40_000).slice(0, split));
    expect(lines.slice(split)).toEqual(oneStatement(worker, 1, 40_000).slice(split));
  });

  it('are all read by this thread when the worker cannot read them', () => {
    const db = database(20_000);
    const lines = [...spanLines(read(db, join(tmpdir(), 'pipe-key-lines-missing', 'none.db')), ['a'], 5, 19_000, 1)];
    expect(lines).toEqual(oneStatement(db, 5, 19_000));
  });

  it('of a short span or an in-memory database are read by one statement', () => {
    const db = database(1_000);
    expect([...spanLines(read(db), ['a'], 1, 1_000)]).toEqual(oneStatement(db, 1, 1_000));
    const memory = connectSqlite(':memory:');
    open.push(memory);
    memory.exec("CREATE TABLE t (grp TEXT, v TEXT); INSERT INTO t VALUES ('a', 'x'), ('a', 'y')");
    expect([...spanLines(read(memory), ['a'], 1, 2, 1)]).toEqual(['1\x1ex', '2\x1ey']);
  });

  it('stop the worker when the reader stops early', () => {
    const db = database(30_000);
    const first: string[] = [];
    for (const line of spanLines(read(db), ['a'], 1, 30_000, 1)) {
      first.push(line);
      if (first.length === 20_000) break;
    }
    expect(first).toEqual(oneStatement(db, 1, 30_000).slice(0, 20_000));
  });
});
