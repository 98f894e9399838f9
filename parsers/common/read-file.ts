// Reading workflow files, turning file-system failures into errors a user can act on.
import { open, readFile } from 'node:fs/promises';
import { ParseError } from '../../engine/errors.js';

// Hints for the file-system error codes a user is likely to meet.
const READ_HINTS: Readonly<Record<string, string>> = {
  ENOENT: 'check the path; it is resolved from the current directory',
  EACCES: 'check the file permissions (ls -l)',
  EPERM: 'check the file permissions (ls -l)',
  EISDIR: 'give the path of a workflow file, not a directory',
};

// A ParseError saying why `file` cannot be read, keeping the original error as its cause.
export function readError(file: string, error: unknown): ParseError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : describe(error);
  return new ParseError(`cannot read \`${file}\`: ${reason}`, {
    location: { file },
    hint: READ_HINTS[code] ?? 'check that the file exists and is readable',
    cause: error,
  });
}

// The whole file as UTF-8 text, without a byte order mark.
export async function readTextFile(file: string): Promise<string> {
  try {
    const text = await readFile(file, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    throw readError(file, error);
  }
}

// Up to `bytes` bytes from the start of the file.
export async function readHead(file: string, bytes: number): Promise<Buffer> {
  try {
    const handle = await open(file, 'r');
    try {
      const buf = Buffer.alloc(bytes);
      const { bytesRead } = await handle.read(buf, 0, bytes, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw readError(file, error);
  }
}

// The error's message without Node's "ECODE: " prefix and path suffix.
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
}
