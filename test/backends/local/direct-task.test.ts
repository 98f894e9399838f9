import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
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
import { readExitCode, writeWorkDir } from '../../../engine/workdir/index.js';
import { aliveNotZombie } from '../../helpers/process.js';
import { trackStatuses, type Completed, type StatusTracker } from '../status-tracker.js';

const launchDir = realpathSync(mkdtempSync(join(tmpdir(), 'pipe-test-direct-')));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const never = new AbortController().signal;
const open: Backend[] = [];
let counter = 0;

// A direct task in a fresh work dir (its name may hold characters the launcher protocol escapes).
const direct = (script: string, dirName = `task ${counter + 1}`): PreparedTask => {
  counter += 1;
  const workDir = join(launchDir, dirName);
  writeWorkDir(workDir, { script: `#!/bin/bash\n${script}`, name: `d${counter}`, direct: true });
  return {
    id: `d${counter}`,
    name: `d${counter}`,
    stepName: 's',
    light: false,
    command: '',
    workDir,
    cpus: 1,
    direct: true,
  };
};

const start = (): { backend: Backend; tracker: StatusTracker } => {
  const backend = createLocalBackend({ launchDir, killGraceMs: 1_000, stdout: 'ignore', stderr: 'ignore' });
  open.push(backend);
  return { backend, tracker: trackStatuses(backend, 50) };
};

// Submits a task and waits for its end.
const run = async (backend: Backend, tracker: StatusTracker, task: PreparedTask): Promise<Completed> =>
  (await tracker.waitFor(await backend.submit(task, never), (s) => s.state === 'completed', 20_000)) as Completed;

afterEach(async () => {
  for (const backend of open.splice(0)) {
    backend.kill?.();
    await backend.close();
  }
});

afterAll(() => rmSync(launchDir, { recursive: true, force: true }));

describe('local backend, direct tasks', () => {
  it('leaves a silent task’s work dir with only .command.sh, .exitcode and what the task made', async () => {
    const { backend, tracker } = start();
    const task = direct(': > made');
    const status = await run(backend, tracker, task);
    expect(status).toMatchObject({ exitCode: 0 });
    expect(status.errFile).toBeUndefined();
    expect(readdirSync(task.workDir!).sort()).toEqual(['.command.sh', '.exitcode', 'made']);
  });

  it('writes .exitcode in a work dir whose path holds a tab and a backslash', async () => {
    const { backend, tracker } = start();
    const task = direct('exit 7', 'odd\tname\\dir');
    const status = await run(backend, tracker, task);
    expect(status.exitCode).toBe(7);
    expect(readExitCode(task.workDir!)).toBe(7);
  });

  it('cancels a running task with its whole process group, children included', async () => {
    const { backend, tracker } = start();
    const task = direct('sleep 30 & echo $! > child.pid; wait');
    const jobId = await backend.submit(task, never);
    const pidFile = join(task.workDir!, 'child.pid');
    for (let i = 0; i < 200 && !existsSync(pidFile); i++) await sleep(20);
    await tracker.waitFor(jobId, (s) => s.state === 'running', 5_000);
    const child = Number(readFileSync(pidFile, 'utf8'));
    await backend.cancel([jobId]);
    const status = (await tracker.waitFor(jobId, (s) => s.state === 'completed', 10_000)) as Completed;
    expect(status).toMatchObject({ exitCode: 143, signal: 'SIGTERM', reason: 'cancelled' });
    for (let i = 0; i < 50 && aliveNotZombie(child); i++) await sleep(20);
    expect(aliveNotZombie(child)).toBe(false);
  });

  it('lets a running task finish and write .exitcode when pipe is SIGKILLed', async () => {
    const task = direct('sleep 1; echo finished');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'orphan-child.ts'), launchDir, task.workDir!, 'direct'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('running') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    child.kill('SIGKILL');
    expect(readExitCode(task.workDir!)).toBeUndefined();
    for (let i = 0; i < 50 && readExitCode(task.workDir!) === undefined; i++) await sleep(100);
    expect(readExitCode(task.workDir!)).toBe(0);
    expect(readFileSync(join(task.workDir!, '.command.log'), 'utf8')).toBe('finished\n');
  });

  it('runs `exec env -i NAME=VALUE... COMMAND` with exactly the named environment and no `env` program started', async () => {
    const { backend, tracker } = start();
    const bin = join(launchDir, 'fake-bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(
      join(bin, 'env'),
      `#!/bin/sh\ntouch ${JSON.stringify(join(bin, 'env-ran'))}\nexec /usr/bin/env "$@"\n`,
    );
    chmodSync(join(bin, 'env'), 0o755);
    const path = `${bin}:${process.env['PATH'] ?? '/usr/bin:/bin'}`;
    const task = direct(`PATH=${path}\nLC_ALL=C exec env -i HOME=/h 'A=x y=z' PATH="$PATH" /usr/bin/env >seen`);
    const status = await run(backend, tracker, task);
    expect(status.exitCode).toBe(0);
    expect(readFileSync(join(task.workDir!, 'seen'), 'utf8').split('\n').filter(Boolean).sort()).toEqual([
      'A=x y=z',
      'HOME=/h',
      `PATH=${path}`,
    ]);
    expect(existsSync(join(bin, 'env-ran'))).toBe(false);
  });

  it('passes no exported shell function of pipe’s environment on to the command, as env -i does', async () => {
    process.env['BASH_FUNC_pipe_test_fn%%'] = '() {  echo from-function\n}';
    try {
      const { backend, tracker } = start();
      const task = direct('LC_ALL=C exec env -i PATH="$PATH" /usr/bin/env >seen');
      const status = await run(backend, tracker, task);
      expect(status.exitCode).toBe(0);
      expect(readFileSync(join(task.workDir!, 'seen'), 'utf8').trim().split('\n')).toEqual([
        `PATH=${process.env['PATH']}`,
      ]);
    } finally {
      delete process.env['BASH_FUNC_pipe_test_fn%%'];
    }
  });

  it('keeps every other `exec` a plain exec, with its exit code', async () => {
    const { backend, tracker } = start();
    const task = direct('exec bash -c "echo other >out; exit 3"');
    const status = await run(backend, tracker, task);
    expect(status.exitCode).toBe(3);
    expect(readFileSync(join(task.workDir!, 'out'), 'utf8')).toBe('other\n');
  });

  it('exits 127 when the command of `exec env -i` does not exist, as env does', async () => {
    const { backend, tracker } = start();
    const task = direct('exec env -i PATH="$PATH" no-such-tool-here');
    const status = await run(backend, tracker, task);
    expect(status.exitCode).toBe(127);
    expect(readFileSync(join(task.workDir!, '.command.log'), 'utf8')).toContain('no-such-tool-here');
  });
});
