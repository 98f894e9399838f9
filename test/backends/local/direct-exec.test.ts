// Lines with no shell syntax run without sh (direct-command.ts); everything a task can observe must be what sh gives.
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Backend, PreparedTask } from '../../../engine/backend.js';
import { createLocalBackend } from '../../../backends/local/index.js';
import { jobLine } from '../../../backends/local/job.js';
import { trackStatuses, type Completed } from '../status-tracker.js';

// A function exported into pipe's environment, as HPC sites export `module`: sh does not pass it on.
process.env['BASH_FUNC_pipe_test_fn%%'] = '() {  echo from-function\n}';

const launchDir = realpathSync(mkdtempSync(join(tmpdir(), 'pipe-test-exec-')));
const never = new AbortController().signal;
const open: Backend[] = [];
let counter = 0;

const light = (command: string, extra: Partial<PreparedTask> = {}): PreparedTask => {
  counter += 1;
  return { id: `x${counter}`, name: `x${counter}`, stepName: 's', light: true, command, cpus: 1, ...extra };
};

// Runs tasks on a fresh backend and returns their completions in order.
const runAll = async (tasks: PreparedTask[], stdout: number | 'ignore' = 'ignore'): Promise<Completed[]> => {
  const backend = createLocalBackend({ launchDir, stdout, stderr: 'ignore' });
  open.push(backend);
  const tracker = trackStatuses(backend, 50);
  const ids = await Promise.all(tasks.map((task) => backend.submit(task, never)));
  const done = await tracker.waitForCompletion(ids, 20_000);
  return ids.map((id) => done.get(id) as Completed);
};

const lines = (file: string): string[] => readFileSync(join(launchDir, file), 'utf8').split('\n');

// The record's kind: X when the launcher runs the words itself, L when the line goes to sh.
const kind = (task: PreparedTask): string => jobLine(task, launchDir).split('\t')[1] as string;

afterEach(async () => {
  for (const backend of open.splice(0)) await backend.close();
});
afterAll(() => rmSync(launchDir, { recursive: true, force: true }));

// A script reporting its arguments, environment, directory, process group and open descriptors, reading stdin, and
// failing.
const probe = join(launchDir, 'tools', 'probe');
mkdirSync(join(launchDir, 'tools'));
writeFileSync(
  probe,
  [
    '#!/bin/sh',
    'out=$OUT',
    `printf '%s|' "$@" > "$out"`,
    `printf 'greeting=%s\\n' "$GREETING" >> "$out"`,
    'pwd >> "$out"',
    `[ "$(ps -o pgid= -p $$ | tr -d ' ')" = "$$" ] && echo own-group >> "$out"`,
    'ls /proc/$$/fd > "$out.fds"', // no pipeline: its pipes would be open in this shell while ls lists them
    'read -r line && echo "stdin: $line" >> "$out"',
    'echo "to stderr" >&2',
    'exit 7',
  ].join('\n'),
);
chmodSync(probe, 0o755);

describe('local backend, lines run without sh', () => {
  it('gives a program the same words, environment, directory, group, descriptors, stderr and status as sh', async () => {
    const subdir = join(launchDir, 'sub dir');
    mkdirSync(subdir);
    const make = (suffix: string, out: string): PreparedTask =>
      light(`${probe} 'a  b' "c d" e=f${suffix}`, {
        env: { OUT: join(launchDir, out), GREETING: 'hé llo' },
        workDir: subdir,
        errFile: join(launchDir, `${out}.err`),
      });
    const [direct, viaSh] = [make('', 'direct'), make('; exit $?', 'sh')];
    expect(kind(direct)).toBe('X');
    expect(kind(viaSh)).toBe('L');
    const [a, b] = await runAll([direct, viaSh]);
    expect(a).toMatchObject({ exitCode: 7, errFile: join(launchDir, 'direct.err') });
    expect(b).toMatchObject({ exitCode: 7, errFile: join(launchDir, 'sh.err') });
    const [report, shReport] = [lines('direct'), lines('sh')];
    expect(report.slice(0, 2)).toEqual(['a  b|c d|e=f|greeting=hé llo', subdir]);
    expect(shReport.slice(0, 2)).toEqual(report.slice(0, 2));
    expect(report[2]).toBe('own-group'); // the program is the task's process, leading its own group
    const fds = lines('direct.fds')
      .filter((line) => line !== '')
      .map(Number)
      .sort((a, b) => a - b);
    expect(fds.slice(0, 3)).toEqual([0, 1, 2]);
    expect(fds.filter((fd) => fd >= 3 && fd <= 5)).toEqual([]); // none of the launcher's protocol pipes
    expect(report.join('\n')).not.toContain('stdin:'); // stdin is /dev/null
    expect(readFileSync(join(launchDir, 'direct.err'), 'utf8')).toBe('to stderr\n');
    expect(readFileSync(join(launchDir, 'sh.err'), 'utf8')).toBe('to stderr\n');
  });

  it('gives a program the environment sh gives it, without the functions pipe was given', async () => {
    const env = async (line: string, name: string): Promise<string[]> => {
      const fd = openSync(join(launchDir, name), 'w');
      const task = light(line, { env: { GREETING: 'hé llo' } });
      await runAll([task], fd);
      closeSync(fd);
      // `_` differs: bash set it to /bin/sh for sh, which passed it on; a subshell's exec sets none.
      return lines(name)
        .filter((entry) => entry !== '' && !entry.startsWith('_='))
        .sort();
    };
    expect(kind(light('env'))).toBe('X');
    const direct = await env('env', 'direct.env');
    expect(direct).toEqual(await env('env; exit $?', 'sh.env'));
    expect(direct).toContain('GREETING=hé llo');
    expect(direct.filter((entry) => entry.startsWith('BASH_FUNC_'))).toEqual([]);
  });

  it('reports a program killed by a signal as sh does, and runs true and false without one', async () => {
    const killer = join(launchDir, 'tools', 'killer');
    writeFileSync(killer, '#!/bin/sh\nkill -TERM $$\n');
    chmodSync(killer, 0o755);
    const tasks = [light(killer), light('true'), light('false'), light(': ignored words')];
    expect(tasks.map(kind)).toEqual(['X', 'X', 'X', 'X']);
    const [killed, ok, failed, colon] = await runAll(tasks);
    expect(killed).toMatchObject({ exitCode: 143, signal: 'SIGTERM' });
    expect([ok?.exitCode, failed?.exitCode, colon?.exitCode]).toEqual([0, 1, 0]);
  });

  it('leaves a missing program and a builtin to sh, whose messages the user sees', async () => {
    const errFile = join(launchDir, 'missing.err');
    const tasks = [light('no-such-program-x', { errFile }), light('echo -n hi')];
    expect(tasks.map(kind)).toEqual(['L', 'L']);
    const [missing] = await runAll(tasks);
    expect(missing).toMatchObject({ exitCode: 127 });
    expect(readFileSync(errFile, 'utf8')).toBe('/bin/sh: 1: no-such-program-x: not found\n');
  });
});
