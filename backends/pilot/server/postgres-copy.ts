// Bulk inserts through PostgreSQL's COPY … FROM STDIN, in its text format, with the `pg` client's own submittable
// query interface (the client hands the connection to `submit` and routes the server's replies to the handlers).
import type pg from 'pg';

// Bytes of COPY data sent per CopyData message.
const CHUNK_BYTES = 256 * 1024;

// One value in COPY's text format: NULL as \N; backslash, tab, newline and carriage return escaped.
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  return /[\\\t\n\r]/.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : text;
}

// The connection methods a COPY FROM STDIN uses (pg's Connection; not in its type declarations).
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

// A submittable that runs `COPY table (columns) FROM STDIN` and streams the rows.
class CopyIn {
  readonly done: Promise<void>;
  private settle!: (error?: Error) => void;

  constructor(
    private readonly text: string,
    private readonly rows: readonly (readonly unknown[])[],
  ) {
    this.done = new Promise<void>((resolve, reject) => {
      this.settle = (error) => (error === undefined ? resolve() : reject(error));
    });
  }

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    let chunk = '';
    for (const row of this.rows) {
      chunk += row.map(copyValue).join('\t') + '\n';
      if (chunk.length >= CHUNK_BYTES) {
        connection.sendCopyFromChunk(Buffer.from(chunk));
        chunk = '';
      }
    }
    if (chunk.length > 0) connection.sendCopyFromChunk(Buffer.from(chunk));
    connection.endCopyFrom();
  }

  // The client calls handleError instead of handleReadyForQuery when the statement fails.
  handleError(error: Error): void {
    this.settle(error);
  }

  handleReadyForQuery(): void {
    this.settle();
  }

  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

// Copies `rows` into `table` in one COPY statement.
export async function copyRows(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  const copy = new CopyIn(`COPY ${table} (${columns.join(', ')}) FROM STDIN`, rows);
  void client.query(copy as unknown as pg.QueryConfig);
  await copy.done;
}
