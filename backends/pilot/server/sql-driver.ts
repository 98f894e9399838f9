// What the queue store needs from a database: queries with `?` placeholders and transactions. One driver per
// database (sqlite-driver.ts, postgres-driver.ts); the SQL itself is shared (queue-sql.ts).

export type Dialect = 'sqlite' | 'postgres';

export interface SqlTransaction {
  run(sql: string, params: readonly unknown[]): Promise<void>;
  all<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  // Runs several statements that take no parameters.
  exec(sql: string): Promise<void>;
  // Runs one statement once per parameter list.
  runMany(sql: string, rows: readonly (readonly unknown[])[]): Promise<void>;
  // Inserts rows into `table` (multi-row statements where the database gains from them).
  insertRows(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void>;
}

export interface SqlDriver {
  readonly dialect: Dialect;
  readonly location: string;
  // Runs several statements that take no parameters (the schema).
  exec(sql: string): Promise<void>;
  all<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  // Runs `work` in one transaction: all of it is written, or (when it throws) none of it.
  transaction(work: (tx: SqlTransaction) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}
