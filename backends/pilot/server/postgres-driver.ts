// The queue store's PostgreSQL driver: one `pg` client (the server serialises its queries anyway), `?`
// placeholders rewritten as $1, $2, …, bulk inserts through COPY FROM STDIN.
import pg from 'pg';
import { StoreError } from '../../../engine/errors.js';
import { copyRows } from './postgres-copy.js';
import type { SqlDriver, SqlTransaction } from './sql-driver.js';

// Rewrites `?` placeholders as PostgreSQL's numbered ones (the shared SQL has no `?` inside literals).
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

// The URL without its password, for messages.
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}

// Connects to the database at a postgres:// URL.
export async function openPostgresDriver(url: string): Promise<SqlDriver> {
  const location = redactUrl(url);
  // Named with the process id, so that pg_stat_activity tells which server a connection belongs to.
  const client = new pg.Client({ connectionString: url, application_name: `pipe server ${process.pid}` });
  // A dropped connection must not crash the server: the next query fails with a StoreError instead.
  client.on('error', () => undefined);
  // A StoreError naming the database for a failure while doing `what`.
  const failure = (what: string, error: unknown): StoreError =>
    new StoreError(`Cannot ${what} in ${location}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
      hint: 'Check that PostgreSQL is running and that the --db URL names a database this user may write.',
    });
  try {
    await client.connect();
  } catch (error) {
    throw failure('connect to the pilot queue', error);
  }

  // Runs one query, converting its failure.
  const query = async <R>(what: string, sql: string, params: readonly unknown[] = []): Promise<R[]> => {
    try {
      const result = await client.query(numberPlaceholders(sql), params as unknown[]);
      return result.rows as R[];
    } catch (error) {
      throw failure(what, error);
    }
  };

  const tx: SqlTransaction = {
    run: async (sql, params) => void (await query('write the pilot queue', sql, params)),
    all: (sql, params) => query('read the pilot queue', sql, params),
    exec: async (sql) => void (await query('write the pilot queue', sql)),
    async runMany(sql, rows) {
      await Promise.all(rows.map((row) => query('write the pilot queue', sql, row)));
    },
    async insertRows(table, columns, rows) {
      try {
        await copyRows(client, table, columns, rows);
      } catch (error) {
        throw failure('write the pilot queue', error);
      }
    },
  };

  return {
    dialect: 'postgres',
    location,
    exec: async (sql) => void (await query('set up the pilot queue', sql)),
    all: (sql, params) => query('read the pilot queue', sql, params),
    async transaction(work) {
      await query('write the pilot queue', 'BEGIN');
      try {
        await work(tx);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      await query('write the pilot queue', 'COMMIT');
    },
    async close() {
      await client.end().catch(() => undefined);
    },
  };
}
