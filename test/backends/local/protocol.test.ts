import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { signalOfStatus } from '../../../backends/common/exit-status.js';
import { encodeField, epochMs, execLine, parseStatusLine, taskLine } from '../../../backends/local/protocol.js';

// Decodes a field the way the launcher does: `printf -v x '%b'`.
const bashDecode = (field: string): string =>
  execFileSync('bash', ['-c', `printf -v x '%b' "$1"; printf %s "$x"`, 'decode', field], { encoding: 'utf8' });

describe('launcher protocol', () => {
  it.each([
    ['plain text', 'echo hi'],
    ['tabs and newlines', 'a\tb\nc'],
    ['backslash escapes that must stay literal', String.raw`printf '\n\t\\ \c \x41 \0101 \u00e9'`],
    ['a trailing backslash', 'ends with \\'],
    ['non-ASCII characters', 'cat données/été 🧬.txt'],
  ])('encodes %s so that bash printf %%b gives it back unchanged', (_what, text) => {
    const field = encodeField(text);
    expect(field).toMatch(/^[\x20-\x7e]*$/);
    expect(bashDecode(field)).toBe(text);
  });

  it('renders a task record: its size in 8 digits, then the fields, with "-" for a missing errFile and done log', () => {
    expect(taskLine('t1', 'L', '/launch', undefined, 'echo\ta')).toBe('00000026t1\tL\t/launch\t-\t-\t-\techo\\ta');
    expect(taskLine('t2', 'W', '/w/ab/cd', '/errs/t2.err', '')).toBe('00000031t2\tW\t/w/ab/cd\t/errs/t2.err\t-\t-\t');
    expect(taskLine('t3', 'L', '.', undefined, 'echo é')).toBe('00000026t3\tL\t.\t-\t-\t-\techo \\xc3\\xa9');
    const done = { path: '/l/.pipe/done/r.keys', line: 'abc' };
    expect(taskLine('t4', 'L', '.', undefined, 'true', done)).toBe(
      '00000038t4\tL\t.\t-\t/l/.pipe/done/r.keys\tabc\ttrue',
    );
  });

  it('renders a record of words to run without sh: a count of assignments, the assignments, then the words', () => {
    expect(execLine('t5', '.', undefined, [], ['true'])).toBe('00000019t5\tX\t.\t-\t-\t-\t0\ttrue');
    expect(execLine('t6', '/d', '/e', ['A=1', 'B=x\ty'], ['prog', 'a b', 'é'])).toBe(
      '00000045t6\tX\t/d\t/e\t-\t-\t2\tA=1\tB=x\\ty\tprog\ta b\t\\xc3\\xa9',
    );
  });

  it('parses start and end lines, and ignores anything else', () => {
    expect(parseStatusLine('S\tt1\t4242\t1712345678.123456')).toEqual({
      type: 'started',
      id: 't1',
      pid: 4242,
      time: 1712345678123.456,
    });
    expect(parseStatusLine('E\tt1\t3\t1712345679.5\t1')).toMatchObject({
      type: 'ended',
      status: 3,
      errFileWritten: true,
    });
    expect(parseStatusLine('E\tt1\t0\t1712345679.5\t')).toMatchObject({
      type: 'ended',
      status: 0,
      errFileWritten: false,
    });
    expect(parseStatusLine('hello')).toBeUndefined();
    expect(parseStatusLine('X\tt1\t1\t2')).toBeUndefined();
    expect(parseStatusLine('S\tt1\tpid\t2')).toBeUndefined();
  });

  it("reads the figures that end the compiled launcher's E line: CPU ms, then the I/O counters' growth", () => {
    expect(parseStatusLine('E\tt1\t0\t1712345679.5\t\t12\t4096\t80\t3\t2\t0\t8192')).toMatchObject({
      type: 'ended',
      status: 0,
      errFileWritten: false,
      cpuMs: 12,
      io: [4096, 80, 3, 2, 0, 8192],
    });
    // No I/O when the launcher could not read /proc/self/io before or after the task.
    const noIo = parseStatusLine('E\tt1\t1\t1712345679.5\t1\t7');
    expect(noIo).toMatchObject({ type: 'ended', status: 1, errFileWritten: true, cpuMs: 7 });
    expect(noIo).toHaveProperty('io', undefined);
    // An unmeasured end has no figures at all.
    expect(parseStatusLine('E\tt1\t0\t1712345679.5\t')).not.toHaveProperty('cpuMs');
  });

  it('reads $EPOCHREALTIME with a decimal comma as well as a point', () => {
    expect(epochMs('1712345678,25')).toBe(1712345678250);
    expect(epochMs('1712345678.25')).toBe(1712345678250);
  });
});

describe('signalOfStatus', () => {
  it.each([
    [143, 'SIGTERM'],
    [137, 'SIGKILL'],
    [130, 'SIGINT'],
    [139, 'SIGSEGV'],
  ])('names status %i as %s', (status, name) => {
    expect(signalOfStatus(status)).toBe(name);
  });

  it('names no signal for ordinary exit codes', () => {
    expect(signalOfStatus(0)).toBeUndefined();
    expect(signalOfStatus(3)).toBeUndefined();
    expect(signalOfStatus(128)).toBeUndefined();
    expect(signalOfStatus(255)).toBeUndefined();
  });
});
