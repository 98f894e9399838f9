// Reading file contents and checksums: loadContents' 64 KiB rule and `sha1$` digests.
// https://www.commonwl.org/v1.2/CommandLineTool.html#CommandInputParameter (loadContents)
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { CwlFileError } from './errors.js';

export const CONTENTS_LIMIT_BYTES = 64 * 1024;

// The first 64 KiB of a file as UTF-8; a larger file is an error, as the v1.2 spec requires.
export async function readContents(path: string, limit = CONTENTS_LIMIT_BYTES): Promise<string> {
  const handle = await open(path, 'r').catch((error: unknown) => {
    throw new CwlFileError(`Cannot read \`${path}\` for loadContents`, {
      cause: error,
      hint: 'check that the file exists and is readable',
    });
  });
  try {
    const buffer = Buffer.alloc(limit + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > limit) {
      throw new CwlFileError(`\`${path}\` is larger than ${limit} bytes, the most loadContents may read`, {
        hint: 'pass the file itself to the command instead of its contents',
      });
    }
    return buffer.subarray(0, filled).toString('utf8');
  } finally {
    await handle.close();
  }
}

// Files up to this size are hashed from one synchronous read: a few system calls instead of a stream's round trips
// through the thread pool (most tool outputs are this small).
const SMALL_FILE_BYTES = 64 * 1024;

// The checksum of a file as CWL writes it: `sha1$` and the hex SHA-1 of its bytes; `size`, when known, lets a
// small file be read at once.
export async function sha1Checksum(path: string, signal?: AbortSignal, size?: number): Promise<string> {
  if (size !== undefined && size <= SMALL_FILE_BYTES)
    return `sha1$${createHash('sha1').update(readFileSync(path)).digest('hex')}`;
  const hash = createHash('sha1');
  const stream = createReadStream(path, signal === undefined ? {} : { signal });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return `sha1$${hash.digest('hex')}`;
}

// The checksum of a string written as a file (literal contents).
export function sha1OfText(text: string): string {
  return `sha1$${createHash('sha1').update(text, 'utf8').digest('hex')}`;
}
