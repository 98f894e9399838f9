// The queue store's SQLite driver: better-sqlite3 in WAL mode with synchronous=NORMAL, prepared statements cached.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { connectSqlite } from '../../../engine/store/sqlite-connection.js';
import type { Database as Connection, Statement } from 'better-sqlite3';
import { toStoreError } from '../../../engine/store/sqlite-errors.js';
import type { SqlDriver, SqlTransaction } from './sql-driver.js';

const BUSY_TIMEOUT_MS = 5000;
const ROWS_PER_INSERT = 100;

// Opens (creating) the SQLite file at `path`, or an in-memory database for ':memory:'.
export function openSqliteDriver(path: string): SqlDriver {
  let db: Connection;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = connectSqlite(path);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('wal_autocheckpoint = 10000'); // checkpoint every ~40 MB of WAL: bulk submits write a lot
  } catch (error) {
    throw toStoreError(error, 'open the pilot queue', path);
  }
  const statements = new Map<string, Statement>();

  // The prepared statement for `sql`, prepared once.
  const prepared = (sql: string): Statement => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  // Runs `fn`, turning SQLite errors into StoreErrors that name the file.
  const guarded = <T>(what: string, fn: () => T): Promise<T> => {
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(toStoreError(error, what, path));
    }
  };

  const tx: SqlTransaction = {
    run: (sql, params) => guarded('write the pilot queue', () => void prepared(sql).run(...params)),
    all: <R>(sql: string, params: readonly unknown[] = []) =>
      guarded('read the pilot queue', () => prepared(sql).all(...params) as R[]),
    exec: (sql) => guarded('write the pilot queue', () => void db.exec(sql)),
    runMany: (sql, rows) =>
      guarded('write the pilot queue', () => {
        const statement = prepared(sql);
        for (const row of rows) statement.run(...row);
      }),
    // Statements of ROWS_PER_INSERT rows: a third of the time of one statement per row.
    insertRows: (table, columns, rows) =>
      guarded('write the pilot queue', () => {
        const tuple = `(${columns.map(() => '?').join(', ')})`;
        const sql = (n: number): string =>
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: n }, () => tuple).join(', ')}`;
        let start = 0;
        for (
          const full = prepared(sql(ROWS_PER_INSERT));
          start + ROWS_PER_INSERT <= rows.length;
          start += ROWS_PER_INSERT
        ) {
          full.run(...rows.slice(start, start + ROWS_PER_INSERT).flat());
        }
        if (start < rows.length) prepared(sql(rows.length - start)).run(...rows.slice(start).flat());
      }),
  };

  return {
    dialect: 'sqlite',
    location: path,
    exec: (sql) => guarded('set up the pilot queue', () => void db.exec(sql)),
    all: <R>(sql: string, params: readonly unknown[] = []) =>
      guarded('read the pilot queue', () => prepared(sql).all(...params) as R[]),
    async transaction(work) {
      await guarded('write the pilot queue', () => db.exec('BEGIN IMMEDIATE'));
      try {
        await work(tx);
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
      await guarded('write the pilot queue', () => db.exec('COMMIT'));
    },
    close: () => guarded('close the pilot queue', () => void db.close()),
  };
}
