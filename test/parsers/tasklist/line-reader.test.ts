import { describe, expect, it } from 'vitest';
import {
  countTaskLines,
  decodeLine,
  isTaskLine,
  lineEnd,
  readLineRegions,
} from '../../../parsers/tasklist/line-reader.js';
import { scratchFiles } from '../../helpers/scratch-files.js';

const { fileWith } = scratchFiles('lines');

// Every line of the file as [text, isTask], read the way the task list reads it.
async function linesOf(file: string): Promise<[string, boolean][]> {
  const lines: [string, boolean][] = [];
  for await (const region of readLineRegions(file)) {
    for (let start = region.start; start < region.end;) {
      const end = lineEnd(region, start);
      lines.push([decodeLine(region.buf, start, end), isTaskLine(region.buf, start, end)]);
      start = end + 1;
    }
  }
  return lines;
}

describe('reading task-list lines', () => {
  it('keeps commands and skips blank lines and comments, even indented ones', async () => {
    const file = fileWith('mixed.txt', 'echo a\n\n   \n# note\n   # indented note\n\techo b # not a comment\n');
    expect(await linesOf(file)).toEqual([
      ['echo a', true],
      ['', false],
      ['   ', false],
      ['# note', false],
      ['   # indented note', false],
      ['\techo b # not a comment', true],
    ]);
    expect(await countTaskLines(file)).toBe(2);
  });

  it('reads a last line without a newline', async () => {
    const file = fileWith('no-eol.txt', 'echo a\necho b');
    expect((await linesOf(file)).map(([text]) => text)).toEqual(['echo a', 'echo b']);
    expect(await countTaskLines(file)).toBe(2);
  });

  it('drops the carriage returns of CRLF files and a UTF-8 byte order mark', async () => {
    const file = fileWith('crlf.txt', '\ufeffecho a\r\n\r\necho ü\r\n');
    expect(await linesOf(file)).toEqual([
      ['echo a', true],
      ['', false],
      ['echo ü', true],
    ]);
  });

  it('reads lines longer than its read buffer, with multi-byte characters across the boundary', async () => {
    const long = `echo ${'é'.repeat(300_000)}`;
    const file = fileWith('long.txt', `short\n${long}\nafter\n`);
    expect((await linesOf(file)).map(([text]) => text)).toEqual(['short', long, 'after']);
  });

  it('counts lines across many read buffers', async () => {
    const file = fileWith('many.txt', 'true\n# skip\n'.repeat(100_000));
    expect(await countTaskLines(file)).toBe(100_000);
  });

  it('counts nothing in an empty file', async () => {
    expect(await countTaskLines(fileWith('empty.txt', ''))).toBe(0);
  });

  it('stops reading when aborted', async () => {
    const file = fileWith('abort.txt', 'true\n'.repeat(100_000));
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(countTaskLines(file, controller.signal)).rejects.toThrow('stop');
  });
});
