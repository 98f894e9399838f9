// The lines of keyRowSql() for a span of row ids, read by two connections at once when the span is large: a worker
// thread reads the upper part on its own read-only connection while this thread reads the lower part, and the lines
// come out in row id order, as one statement over the whole span gives them while nothing else writes those rows (the
// run lock keeps other runs of the launch directory out). A resume of a million tasks spent a third of its time
// reading its keys, on one of two cores.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Statement } from 'better-sqlite3';
import { sqliteAddon } from './sqlite-connection.js';

// Below this many row ids a span is read here alone: a thread costs some 30 ms to start.
export const PARALLEL_MIN_ROWS = 100_000;
// The share of the span this thread reads: it also parses every line, the worker's included.
const OWN_SHARE = 0.45;
const LINES_PER_MESSAGE = 8192;
// A worker silent this long has failed in a way it could not report (it posts a message every few milliseconds).
const SILENCE_MS = 60_000;

// The worker: CommonJS run from this string, so it needs no file of its own beside the bundle or the sources.
const WORKER_CODE = `
const { workerData } = require('node:worker_threads');
const { sqlite, nativeBinding, path, sql, params, port, signal } = workerData;
const flag = new Int32Array(signal);
const post = (message) => { port.postMessage(message); Atomics.add(flag, 0, 1); Atomics.notify(flag, 0); };
try {
  const Database = require(sqlite);
  const db = new Database(path, nativeBinding === undefined ? { readonly: true } : { readonly: true, nativeBinding });
  let lines = [];
  for (const line of db.prepare(sql).pluck().iterate(...params)) {
    lines.push(line);
    if (lines.length === ${LINES_PER_MESSAGE}) { post({ lines }); lines = []; }
  }
  db.close();
  post({ lines, end: true });
} catch (error) {
  post({ error: String((error && error.message) || error) });
}
`;

interface FromWorker {
  readonly lines?: string[];
  readonly end?: boolean;
  readonly error?: string;
}

// A statement over a span of row ids: its own parameters, then the first and the last row id.
export interface SpanRead {
  readonly statement: Statement<unknown[]>;
  readonly sql: string;
  readonly path: string; // the database file, for the worker's connection
}

// The row id at the start of a keyRowSql() line.
const rowOf = (line: string): number => Number(line.slice(0, line.indexOf('\x1e')));

// The lines of rows `first` to `last` of `read` with `params`, in row id order; a span of `minRows` or more is read by
// two connections.
export function* spanLines(
  read: SpanRead,
  params: readonly unknown[],
  first: number,
  last: number,
  minRows = PARALLEL_MIN_ROWS,
): Generator<string> {
  const { statement } = read;
  if (last - first + 1 < minRows || read.path === '' || read.path === ':memory:') {
    yield* statement.iterate(...params, first, last) as Iterable<string>;
    return;
  }
  const split = first + Math.floor((last - first) * OWN_SHARE);
  const upper = startReader(read, [...params, split + 1, last]);
  try {
    yield* statement.iterate(...params, first, split) as Iterable<string>;
    let done = split; // the last row id of the span read so far
    if (upper !== undefined) {
      for (const line of upper.lines()) {
        done = rowOf(line);
        yield line;
      }
    }
    // Whatever the worker could not read (it failed, or never started), this thread reads.
    if (done < last) yield* statement.iterate(...params, done + 1, last) as Iterable<string>;
  } finally {
    void upper?.stop();
  }
}

interface Reader {
  lines(): Generator<string>;
  stop(): Promise<number> | undefined;
}

// A worker reading `read` with `params`; undefined when one cannot start.
function startReader(read: SpanRead, params: readonly unknown[]): Reader | undefined {
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(WORKER_CODE, {
      eval: true,
      workerData: {
        sqlite: dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
        nativeBinding: sqliteAddon(),
        path: read.path,
        sql: read.sql,
        params,
        port: port2,
        signal,
      },
      transferList: [port2],
    });
  } catch {
    port1.close();
    return undefined;
  }
  worker.unref();
  let ended = false;
  return {
    *lines() {
      for (;;) {
        const message = next(port1, flag);
        if (message === undefined || message.error !== undefined) return;
        yield* message.lines ?? [];
        if (message.end === true) {
          ended = true;
          return;
        }
      }
    },
    stop: () => {
      port1.close();
      return ended ? undefined : worker.terminate();
    },
  };
}

// The worker's next message, waited for without returning to the event loop; undefined after a long silence.
function next(port: MessagePort, flag: Int32Array): FromWorker | undefined {
  for (;;) {
    const seen = Atomics.load(flag, 0);
    const received = receiveMessageOnPort(port);
    if (received !== undefined) return received.message as FromWorker;
    if (Atomics.wait(flag, 0, seen, SILENCE_MS) === 'timed-out') return undefined;
  }
}
