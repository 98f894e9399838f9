// The terminal as Ink sees it: everything Ink writes while drawing one frame (synchronised-update markers, cursor
// moves, erased lines, the frame) reaches the terminal in a single write, so a frame costs one system call and
// wakes the terminal emulator once instead of three or more times.
import { EventEmitter } from 'node:events';

export interface TerminalSink {
  // Writes text to the terminal, then calls `done`.
  write(text: string, done?: () => void): void;
}

export interface FrameStream {
  // The stream to give Ink in place of the terminal.
  readonly ink: NodeJS.WriteStream;
  // Writes what was collected since the last flush, in one write.
  flush(): void;
  // Tells Ink the terminal's size; a change emits 'resize' as a terminal would.
  resize(columns: number, rows: number): void;
}

// Wraps a terminal (or, with `isTTY` false, a pipe the view was forced onto); writes made outside a frame still go out, at the end of the current tick.
export function createFrameStream(
  sink: TerminalSink,
  size: { columns: number; rows: number },
  isTTY = true,
): FrameStream {
  let parts: string[] = [];
  let flushQueued = false;
  let { columns, rows } = size;
  const events = new EventEmitter();

  // Sends the collected text (if any) and then calls `done`.
  const flush = (done?: () => void): void => {
    const text = parts.join('');
    parts = [];
    if (text !== '' || done !== undefined) sink.write(text, done);
  };

  const write = (
    chunk: string | Uint8Array,
    encoding?: BufferEncoding | (() => void),
    callback?: () => void,
  ): boolean => {
    const done = typeof encoding === 'function' ? encoding : callback;
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text !== '') parts.push(text);
    if (done !== undefined) flush(done);
    else if (!flushQueued) {
      flushQueued = true;
      queueMicrotask(() => {
        flushQueued = false;
        flush();
      });
    }
    return true;
  };

  // Only what Ink reads of its output stream: size, terminal-ness, writability, resize events and write.
  const ink = {
    get columns() {
      return columns;
    },
    get rows() {
      return rows;
    },
    isTTY,
    writable: true,
    destroyed: false,
    writableEnded: false,
    get writableLength() {
      return parts.reduce((n, p) => n + p.length, 0);
    },
    write,
    on(event: string, listener: (...args: unknown[]) => void) {
      events.on(event, listener);
      return ink;
    },
    off(event: string, listener: (...args: unknown[]) => void) {
      events.off(event, listener);
      return ink;
    },
  };
  return {
    // Ink types its option as a full WriteStream but uses only the members above.
    ink: ink as unknown as NodeJS.WriteStream,
    flush: () => flush(),
    resize(newColumns, newRows) {
      if (newColumns === columns && newRows === rows) return;
      columns = newColumns;
      rows = newRows;
      events.emit('resize');
    },
  };
}
