// Reading a text task list in large chunks: whole lines as byte ranges, decoded only when kept.
import { open } from 'node:fs/promises';
import { invalidUtf8At } from '../common/utf8.js';

const CHUNK_BYTES = 1 << 16;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const HASH = 0x23;

// A window of a buffer holding only whole lines; valid until the reader is resumed.
export interface LineRegion {
  readonly buf: Buffer;
  readonly start: number;
  readonly end: number;
}

// Yields the file as regions of whole lines (the file's last line may lack a newline), skipping a UTF-8 BOM.
export async function* readLineRegions(file: string, signal?: AbortSignal): AsyncGenerator<LineRegion> {
  const handle = await open(file, 'r');
  try {
    let buf: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let filled = 0;
    let start = -1; // where the first region starts, once the BOM check has been made
    for (;;) {
      signal?.throwIfAborted();
      if (filled === buf.length) buf = grown(buf, filled);
      const { bytesRead } = await handle.read(buf, filled, buf.length - filled, null);
      filled += bytesRead;
      if (start < 0) start = hasBom(buf, filled) ? 3 : 0;
      if (bytesRead === 0) {
        if (filled > start) yield { buf, start, end: filled };
        return;
      }
      const lastNewline = buf.lastIndexOf(NEWLINE, filled - 1);
      if (lastNewline < start) continue;
      yield { buf, start, end: lastNewline + 1 };
      buf.copyWithin(0, lastNewline + 1, filled);
      filled -= lastNewline + 1;
      start = 0;
    }
  } finally {
    await handle.close();
  }
}

// Where the line starting at `start` ends: the index of its newline, or the region's end.
export function lineEnd(region: LineRegion, start: number): number {
  const newline = region.buf.indexOf(NEWLINE, start);
  return newline < 0 || newline >= region.end ? region.end : newline;
}

// Whether a line is a task: not blank and not a comment (first non-space character `#`).
export function isTaskLine(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const byte = buf[i]!;
    if (byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)) continue;
    return byte !== HASH;
  }
  return false;
}

// The line's text without a trailing carriage return (CRLF files).
export function decodeLine(buf: Buffer, start: number, end: number): string {
  if (end > start && buf[end - 1] === CARRIAGE_RETURN) end--;
  return buf.toString('utf8', start, end);
}

// A task list that is not valid UTF-8: where its first bad byte is.
export class InvalidUtf8 extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
  ) {
    super(`invalid UTF-8 at line ${line}, column ${column}`);
  }
}

// Counts the task lines of a file with a byte scan, never decoding text; throws InvalidUtf8 at the first byte
// that is not UTF-8.
export async function countTaskLines(file: string, signal?: AbortSignal): Promise<number> {
  let count = 0;
  let lines = 0;
  for await (const region of readLineRegions(file, signal)) {
    const bad = invalidUtf8At(region.buf.subarray(region.start, region.end), lines + 1);
    if (bad !== undefined) throw new InvalidUtf8(bad.line, bad.column);
    for (let start = region.start; start < region.end;) {
      const end = lineEnd(region, start);
      lines++;
      if (isTaskLine(region.buf, start, end)) count++;
      start = end + 1;
    }
  }
  return count;
}

// A buffer twice as large holding the first `filled` bytes of `buf`, for lines longer than a chunk.
function grown(buf: Buffer, filled: number): Buffer {
  const bigger = Buffer.allocUnsafe(buf.length * 2);
  buf.copy(bigger, 0, 0, filled);
  return bigger;
}

// Whether the buffer starts with a UTF-8 byte order mark.
function hasBom(buf: Buffer, filled: number): boolean {
  return filled >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
}
