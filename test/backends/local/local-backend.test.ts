import { spawn } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Backend, PreparedTask } from '../../../engine/backend.js';
import { createLocalBackend, type LocalBackendOptions } from '../../../backends/local/index.js';
import { readExitCode, writeWorkDir } from '../../../engine/workdir/index.js';
import { trackStatuses, type Completed, type StatusTracker } from '../status-tracker.js';
import { aliveNotZombie } from '../../helpers/process.js';

const launchDir = realpathSync(mkdtempSync(join(tmpdir(), 'pipe-test-local-')));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const never = new AbortController().signal;
const open: Backend[] = [];
let counter = 0;

const light = (command: string, extra: Partial<PreparedTask> = {}): PreparedTask => {
  counter += 1;
  return { id: `t${counter}`, name: `t${counter}`, stepName: 's', light: true, command, cpus: 1, ...extra };
};

// A backend whose statuses are tracked, closed after each test.
const start = (opts: Partial<LocalBackendOptions> = {}): { backend: Backend; tracker: StatusTracker } => {
  const backend = createLocalBackend({ launchDir, stdout: 'ignore', stderr: 'ignore', ...opts });
  open.push(backend);
  return { backend, tracker: trackStatuses(backend, 50) };
};

const run = async (backend: Backend, tracker: StatusTracker, task: PreparedTask): Promise<Completed> => {
  const jobId = await backend.submit(task, never);
  return (await tracker.waitFor(jobId, (s) => s.state === 'completed', 20_000)) as Completed;
};

afterEach(async () => {
  for (const backend of open.splice(0)) {
    backend.kill?.();
    await backend.close();
  }
});

afterAll(() => rmSync(launchDir, { recursive: true, force: true }));

describe('local backend', () => {
  it('reports a task killed by a signal as exit code 128+N with the signal name', async () => {
    const { backend, tracker } = start();
    const status = await run(backend, tracker, light('kill -TERM $$'));
    expect(status).toMatchObject({ exitCode: 143, signal: 'SIGTERM' });
    expect(status.reason).toBeUndefined();
  });

  it('ends a task past its time limit with SIGTERM and reason "time limit exceeded"', async () => {
    const { backend, tracker } = start();
    const status = await run(backend, tracker, light('sleep 30', { timeLimitMs: 300 }));
    expect(status).toMatchObject({ exitCode: 143, signal: 'SIGTERM', reason: 'time limit exceeded' });
  });

  it('escalates to SIGKILL after the grace period when a cancelled task ignores SIGTERM', async () => {
    const { backend, tracker } = start({ killGraceMs: 300 });
    const ready = join(launchDir, 'trap-ready');
    const jobId = await backend.submit(light(`trap '' TERM; touch ${ready}; sleep 30`), never);
    for (let i = 0; i < 100 && !existsSync(ready); i++) await sleep(20);
    await backend.cancel([jobId]);
    // The task ignores SIGTERM and would sleep 30 s: its SIGKILL is the escalation's.
    const status = (await tracker.waitFor(jobId, (s) => s.state === 'completed', 20_000)) as Completed;
    expect(status).toMatchObject({ exitCode: 137, signal: 'SIGKILL', reason: 'cancelled' });
  });

  it('kill() ends every running task at once with SIGKILL', async () => {
    const { backend, tracker } = start();
    const ids = [
      await backend.submit(light("trap '' TERM; sleep 30"), never),
      await backend.submit(light('sleep 30'), never),
    ];
    for (const id of ids) await tracker.waitFor(id, (s) => s.state === 'running', 5_000);
    backend.kill!();
    const done = await tracker.waitForCompletion(ids, 2_000);
    for (const status of done.values()) expect(status).toMatchObject({ exitCode: 137, signal: 'SIGKILL' });
  });

  it('runs each task in its own process group, in the launch dir, with stdin from /dev/null', async () => {
    const { backend, tracker } = start();
    const out = join(launchDir, 'group');
    const status = await run(backend, tracker, light(`{ echo $$; ps -o pgid= -p $$; pwd; cat; } > ${out}`));
    expect(status.exitCode).toBe(0);
    const [pid, pgid, cwd, rest] = readFileSync(out, 'utf8')
      .split('\n')
      .map((s) => s.trim());
    expect(pgid).toBe(pid);
    expect(cwd).toBe(launchDir);
    expect(rest).toBe('');
  });

  it('reuses an idle launcher and starts another only when all are busy', async () => {
    const { backend, tracker } = start();
    const ppid = async (command: string): Promise<string> => {
      const out = join(launchDir, `ppid-${counter + 1}`);
      await run(backend, tracker, light(`${command}; echo $PPID > ${out}`));
      return readFileSync(out, 'utf8').trim();
    };
    const first = await ppid('true');
    expect(await ppid('true')).toBe(first);
    const concurrent = await Promise.all([ppid('sleep 0.3'), ppid('sleep 0.3'), ppid('sleep 0.3')]);
    expect(new Set(concurrent).size).toBe(3);
    expect(concurrent).toContain(first);
  });

  it('with maxRunning, runs at most that many at once and queues the next task in each launcher', async () => {
    const { backend, tracker } = start({ maxRunning: 2 });
    expect(backend.lookahead).toBe(2);
    const log = join(launchDir, 'overlap.log');
    const command = `echo start >> ${log}; sleep 0.2; echo end >> ${log}`;
    const ids = await Promise.all(Array.from({ length: 6 }, () => backend.submit(light(command), never)));
    for (const id of ids)
      expect((await tracker.waitFor(id, (s) => s.state === 'completed', 20_000)) as Completed).toMatchObject({
        exitCode: 0,
      });
    let running = 0;
    let most = 0;
    for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
      running += line === 'start' ? 1 : -1;
      most = Math.max(most, running);
    }
    expect(most).toBe(2);
  });

  it('reads back-to-back task records with non-ASCII dirs and commands in a UTF-8 locale', async () => {
    // `read -N` counts characters: a record sized in bytes but holding multibyte characters would lose sync.
    const saved = process.env.LC_ALL;
    process.env.LC_ALL = 'C.UTF-8';
    try {
      const { backend, tracker } = start({ maxRunning: 1 });
      const dir = join(launchDir, 'données été');
      mkdirSync(dir);
      const tasks = ['é', '🧬 data', 'x\ty'].map((text, i) =>
        light(`printf '%s' '${text}' > sortie-${i}.txt`, { workDir: dir }),
      );
      const ids = await Promise.all(tasks.map((task) => backend.submit(task, never)));
      for (const id of ids)
        expect((await tracker.waitFor(id, (s) => s.state === 'completed', 20_000)) as Completed).toMatchObject({
          exitCode: 0,
        });
      expect(['é', '🧬 data', 'x\ty'].map((_, i) => readFileSync(join(dir, `sortie-${i}.txt`), 'utf8'))).toEqual([
        'é',
        '🧬 data',
        'x\ty',
      ]);
    } finally {
      if (saved === undefined) delete process.env.LC_ALL;
      else process.env.LC_ALL = saved;
    }
  });

  it('withdraws a cancelled task that waits in a launcher, so it never starts', async () => {
    const { backend, tracker } = start({ maxRunning: 1 });
    const marker = join(launchDir, 'withdrawn-ran');
    const first = await backend.submit(light('sleep 0.5'), never);
    const second = await backend.submit(light(`touch ${marker}`), never);
    await tracker.waitFor(first, (s) => s.state === 'running', 10_000);
    await backend.cancel([second]);
    const status = (await tracker.waitFor(second, (s) => s.state === 'completed', 10_000)) as Completed;
    expect(status).toMatchObject({ exitCode: null, reason: 'withdrawn before it started' });
    await tracker.waitFor(first, (s) => s.state === 'completed', 10_000);
    expect(existsSync(marker)).toBe(false);
  });

  it('ends its launchers on close()', async () => {
    const { backend, tracker } = start();
    const out = join(launchDir, 'launcher-pid');
    await run(backend, tracker, light(`echo $PPID > ${out}`));
    const launcher = Number(readFileSync(out, 'utf8'));
    expect(aliveNotZombie(launcher)).toBe(true);
    await backend.close();
    expect(aliveNotZombie(launcher)).toBe(false);
  });

  it('passes light tasks’ stdout through and copies their stderr to the configured outputs', async () => {
    const stdoutFile = join(launchDir, 'stdout');
    const stderrFile = join(launchDir, 'stderr');
    const [stdout, stderr] = [openSync(stdoutFile, 'w'), openSync(stderrFile, 'w')];
    const { backend, tracker } = start({ stdout, stderr });
    await run(backend, tracker, light('echo to-out; echo to-err >&2'));
    await run(backend, tracker, light('echo failed >&2; exit 1'));
    closeSync(stdout);
    closeSync(stderr);
    expect(readFileSync(stdoutFile, 'utf8')).toBe('to-out\n');
    expect(readFileSync(stderrFile, 'utf8')).toBe('to-err\nfailed\n');
  });

  it('answers poll() with queued, running and completed, and unknown for ids it never saw', async () => {
    const { backend, tracker } = start();
    const jobId = await backend.submit(light('sleep 0.3'), never);
    expect((await backend.poll([jobId])).get(jobId)).toEqual({ state: 'queued' });
    await tracker.waitFor(jobId, (s) => s.state === 'running', 5_000);
    expect((await backend.poll([jobId])).get(jobId)?.state).toBe('running');
    await tracker.waitFor(jobId, (s) => s.state === 'completed', 5_000);
    expect((await backend.poll([jobId, 'nope'])).get(jobId)).toMatchObject({ state: 'completed', exitCode: 0 });
    expect((await backend.poll(['nope'])).get('nope')).toEqual({ state: 'unknown' });
  });

  it('adds one abort listener per signal however many tasks share it', async () => {
    const { backend, tracker } = start();
    const controller = new AbortController();
    const ids = await Promise.all(
      Array.from({ length: 20 }, () => backend.submit(light('sleep 0.2'), controller.signal)),
    );
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    await tracker.waitForCompletion(ids, 10_000);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('rejects a submit with an aborted signal, a duplicate id, or after close()', async () => {
    const { backend } = start();
    const aborted = AbortSignal.abort();
    await expect(backend.submit(light('true'), aborted)).rejects.toThrow();
    const task = light('sleep 0.2');
    await backend.submit(task, never);
    await expect(backend.submit(task, never)).rejects.toThrow(/already submitted/);
    await backend.close();
    await expect(backend.submit(light('true'), never)).rejects.toThrow(/closed/);
  });

  it('lets a running work-dir task finish and write .exitcode when pipe is SIGKILLed, then ends the launcher', async () => {
    const workDir = join(launchDir, 'orphan');
    const launcherFile = join(launchDir, 'orphan-launcher');
    writeWorkDir(workDir, { script: `ps -o ppid= -p $PPID > ${launcherFile}; sleep 1; echo finished`, name: 'orphan' });
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'orphan-child.ts'), launchDir, workDir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('running') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    child.kill('SIGKILL');
    expect(readExitCode(workDir)).toBeUndefined();
    for (let i = 0; i < 50 && readExitCode(workDir) === undefined; i++) await sleep(100);
    expect(readExitCode(workDir)).toBe(0);
    expect(readFileSync(join(workDir, '.command.out'), 'utf8')).toBe('finished\n');
    const launcher = Number(readFileSync(launcherFile, 'utf8'));
    for (let i = 0; i < 20 && aliveNotZombie(launcher); i++) await sleep(50);
    expect(aliveNotZombie(launcher)).toBe(false);
  });
});
