// The terminal as Ink sees it: everything Ink writes while drawing one frame (synchronised-update markers, cursor
// moves, erased lines, the frame) reaches the terminal in a single write, so a frame costs one system call and
// wakes the terminal emulator once instead of three or more times.

export interface FrameStream {
  // The stream to give Ink in place of the terminal.
  readonly ink: NodeJS.WriteStream;
  // Writes what was collected since the last flush, in one write.
  flush(): void;
}

// Wraps a terminal stream; writes made outside a frame still go out, at the end of the current tick.
export function createFrameStream(stream: NodeJS.WriteStream): FrameStream {
  let parts: string[] = [];
  let flushQueued = false;

  // Sends the collected text (if any) and then calls `done`, once the terminal took it.
  const flush = (done?: () => void): void => {
    const text = parts.join('');
    parts = [];
    if (text !== '' || done !== undefined) stream.write(text, done);
  };

  const write = (chunk: string | Uint8Array, encoding?: BufferEncoding | (() => void), callback?: () => void): boolean => {
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
      return stream.columns;
    },
    get rows() {
      return stream.rows;
    },
    get isTTY() {
      return stream.isTTY;
    },
    get writable() {
      return stream.writable;
    },
    get destroyed() {
      return stream.destroyed;
    },
    get writableEnded() {
      return stream.writableEnded;
    },
    get writableLength() {
      return stream.writableLength + parts.reduce((n, p) => n + p.length, 0);
    },
    write,
    on(event: string, listener: (...args: unknown[]) => void) {
      stream.on(event, listener);
      return ink;
    },
    off(event: string, listener: (...args: unknown[]) => void) {
      stream.off(event, listener);
      return ink;
    },
  };
  // Ink types its option as a full WriteStream but uses only the members above.
  return { ink: ink as unknown as NodeJS.WriteStream, flush: () => flush() };
}
