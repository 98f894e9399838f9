// Reading workflow files, turning file-system failures into errors a user can act on.
import { readFileSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { ParseError } from '../../engine/errors.js';
import { invalidUtf8At } from './utf8.js';

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

// The whole file as UTF-8 text, without a byte order mark; a file that is not UTF-8 is refused at its first bad
// byte, never decoded with replacement characters.
export async function readTextFile(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw readError(file, error);
  }
  return utf8Text(file, bytes);
}

// A workflow document (`what`, e.g. "DSL script") as UTF-8 text, read synchronously; a missing one is reported
// as a missing CWL document is.
export function readDocumentSync(file: string, what: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const state =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a directory'
          : `cannot be read (${code ?? 'error'})`;
    throw new ParseError(`${what} \`${file}\` ${state}`, {
      location: { file },
      hint: 'check the path; references are relative to the folder of the document that names them',
      cause: error,
    });
  }
  return utf8Text(file, bytes);
}

// The bytes as text, or a ParseError at the first byte that is not UTF-8.
function utf8Text(file: string, bytes: Buffer): string {
  const bad = invalidUtf8At(bytes);
  if (bad !== undefined)
    throw new ParseError(`\`${file}\` is not valid UTF-8 text: a byte here is not part of a UTF-8 character`, {
      location: { file, ...bad },
      hint: 'save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8); pipe does not guess another encoding',
    });
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
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
