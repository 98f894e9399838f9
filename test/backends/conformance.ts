// The one conformance suite every backend runs; a backend's test file only builds the backend and calls it.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend, PreparedTask } from '../../engine/backend.js';
import { readExitCode, WorkDirFile, writeWorkDir } from '../../engine/workdir/index.js';
import { trackStatuses, type Completed, type StatusTracker } from './status-tracker.js';

export const ConformanceCase = {
  LightSuccess: 'light-success',
  ExitCode: 'exit-code',
  WorkDir: 'work-dir',
  ErrFile: 'err-file',
  Verbatim: 'verbatim-command',
  LightEnv: 'light-env',
  TimeLimit: 'time-limit',
  CancelRunning: 'cancel-running',
  CancelQueued: 'cancel-queued',
  AbortQueued: 'abort-queued',
  FanOut: 'fan-out',
  Resources: 'resources',
  Retry: 'retry',
  Bookkeeping: 'bookkeeping',
  Closed: 'closed',
} as const;
export type ConformanceCase = (typeof ConformanceCase)[keyof typeof ConformanceCase];

export interface ConformanceOptions {
  readonly light?: boolean; // runs light tasks directly (default true); otherwise every case uses a work dir
  // With light false: every work dir holds only .command.sh and the task is `direct` (backends with Backend.direct)
  readonly direct?: boolean;
  readonly tmpRoot?: string; // where test dirs go; must be visible where tasks run (default os.tmpdir())
  readonly timeoutMs?: number; // longest wait for one status (default 30 s)
  readonly pollIntervalMs?: number; // for poll-only backends (default 100 ms)
  readonly fanOut?: number; // tasks in the fan-out case (default 300)
  readonly maxInFlight?: number; // tasks submitted at once in the fan-out case, as the engine's -j (default 16)
  // A command printing "<cpus> <memory MiB>" the task was given; backends that do not allocate resources per task
  // (local: the engine's slots do) leave it out and skip that case.
  readonly resourceProbe?: string;
}

const isCompleted = (s: { state: string }): boolean => s.state === 'completed';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const sq = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

// Registers the shared cases for one backend under `describe(name)`.
export function describeBackendConformance(
  name: string,
  makeBackend: () => Promise<Backend> | Backend,
  opts: ConformanceOptions = {},
): void {
  const light = opts.light ?? true;
  const direct = !light && opts.direct === true;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const root = mkdtempSync(join(opts.tmpRoot ?? tmpdir(), `pipe-conformance-${name}-`));
  let backend: Backend;
  let tracker: StatusTracker;
  let dir: string;
  let submitted: string[];
  let counter = 0;

  // A light task, or on backends without light tasks a work dir whose .command.sh is the command.
  const task = async (command: string, extra: Partial<PreparedTask> = {}): Promise<PreparedTask> => {
    counter += 1;
    const id = `${name}-${process.pid}-${counter}`;
    const base: PreparedTask = {
      id,
      name: `conformance ${id}`,
      stepName: 'conformance',
      light: true,
      command,
      cpus: 1,
    };
    if (light && extra.light !== false) return { ...base, ...extra };
    const workDir = extra.workDir ?? join(dir, 'work', id);
    writeWorkDir(workDir, { script: command, name: base.name, env: extra.env, direct });
    return { ...base, ...extra, light: false, workDir, ...(direct ? { direct } : {}) };
  };

  // Submits and remembers the job, so afterEach can cancel whatever a failed case left running.
  const submit = async (prepared: PreparedTask, signal = new AbortController().signal): Promise<string> => {
    const jobId = await backend.submit(prepared, signal);
    submitted.push(jobId);
    return jobId;
  };

  // The job's completion, however the backend reports it.
  const completion = async (jobId: string, ms = timeoutMs): Promise<Completed> =>
    (await tracker.waitFor(jobId, isCompleted, ms)) as Completed;

  // Submits a task and waits for its completion.
  const run = async (prepared: PreparedTask): Promise<Completed> => completion(await submit(prepared));

  // Registers one case; a case that needs light tasks is left out for a backend without them.
  const test = (kind: ConformanceCase, title: string, body: () => Promise<void>): void => {
    if (kind === ConformanceCase.ErrFile && !light) return;
    if (kind === ConformanceCase.LightEnv && direct) return; // the engine sends direct tasks no environment
    if (kind === ConformanceCase.Resources && opts.resourceProbe === undefined) return;
    it(title, body, timeoutMs * 2);
  };

  describe(`${name} backend conformance`, () => {
    beforeEach(async () => {
      backend = await makeBackend();
      tracker = trackStatuses(backend, opts.pollIntervalMs ?? 100);
      dir = mkdtempSync(join(root, 'case-'));
      submitted = [];
    });

    afterEach(async () => {
      await backend.cancel(submitted);
      await backend.close();
    });

    afterAll(() => rmSync(root, { recursive: true, force: true }));

    test(ConformanceCase.LightSuccess, 'runs a task to exit code 0 and reports when it started and ended', async () => {
      const marker = join(dir, 'ran');
      const before = Date.now();
      const status = await run(await task(`echo ok > ${sq(marker)}`));
      expect(status.exitCode).toBe(0);
      expect(readFileSync(marker, 'utf8')).toBe('ok\n');
      expect(status.startedAt).toBeGreaterThanOrEqual(before - 1_000);
      expect(status.endedAt).toBeGreaterThanOrEqual(status.startedAt!);
      expect(status.endedAt).toBeLessThanOrEqual(Date.now() + 1_000);
    });

    test(ConformanceCase.ExitCode, 'reports a failing exit code (exit 3) as the task gave it', async () => {
      const status = await run(await task('exit 3'));
      expect(status.exitCode).toBe(3);
      expect(status.signal).toBeUndefined();
    });

    test(
      ConformanceCase.WorkDir,
      'runs a work-dir task to its exit code, writes it to .exitcode and keeps its output',
      async () => {
        const prepared = await task('echo hello; echo oops >&2; exit 4', { light: false });
        const status = await run(prepared);
        const workDir = prepared.workDir!;
        expect(status.exitCode).toBe(4);
        expect(readExitCode(workDir)).toBe(4);
        if (direct) {
          expect(existsSync(join(workDir, WorkDirFile.Run))).toBe(false);
          expect(readFileSync(join(workDir, WorkDirFile.Log), 'utf8')).toBe('hello\noops\n');
          expect(status.errFile).toBe(join(workDir, WorkDirFile.Log));
          return;
        }
        expect(readFileSync(join(workDir, WorkDirFile.Out), 'utf8')).toBe('hello\n');
        expect(readFileSync(join(workDir, WorkDirFile.Err), 'utf8')).toBe('oops\n');
        expect(existsSync(join(workDir, WorkDirFile.Begin))).toBe(true);
      },
    );

    test(ConformanceCase.ErrFile, 'keeps the last 64 KiB of a failed task’s stderr in its errFile', async () => {
      const errFile = join(dir, 'errors', 'nested', 'task.err');
      const noisy = `head -c 70000 /dev/zero | tr '\\0' x >&2; echo LAST >&2; exit 2`;
      const status = await run(await task(noisy, { errFile }));
      expect(status.exitCode).toBe(2);
      expect(status.errFile).toBe(errFile);
      const kept = readFileSync(errFile, 'utf8');
      expect(kept.length).toBe(65_536);
      expect(kept.endsWith('xLAST\n')).toBe(true);

      const okFile = join(dir, 'errors', 'ok.err');
      const succeeded = await run(await task('echo fine >&2', { errFile: okFile }));
      expect(succeeded.exitCode).toBe(0);
      expect(succeeded.errFile).toBeUndefined();
      expect(existsSync(okFile)).toBe(false);
    });

    test(ConformanceCase.Verbatim, 'runs a command with quotes, tabs, newlines and backslashes verbatim', async () => {
      const out = join(dir, 'verbatim');
      const command = `printf '%s|' 'tab\there' 'back\\\\slash\\n' "dq'uote" > ${sq(out)}\nprintf 'line2' >> ${sq(out)}`;
      const status = await run(await task(command));
      expect(status.exitCode).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe(`tab\there|back\\\\slash\\n|dq'uote|line2`);
    });

    test(ConformanceCase.LightEnv, 'exports the task’s environment to its command', async () => {
      const out = join(dir, 'env');
      const env = { GREETING: "hello 'there' $HOME" };
      const status = await run(await task(`printf %s "$GREETING" > ${sq(out)}`, { env }));
      expect(status.exitCode).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe(env.GREETING);
    });

    test(ConformanceCase.TimeLimit, 'ends a task that outlives its time limit, with a reason saying so', async () => {
      // `sleep 30` run to its end exits 0 with no reason: a failure naming the time limit is the limit's doing.
      const status = await run(await task('sleep 30', { timeLimitMs: 500 }));
      expect(status.exitCode).not.toBe(0);
      expect(status.reason).toMatch(/time/i);
    });

    test(ConformanceCase.CancelRunning, 'cancels a running task', async () => {
      const jobId = await submit(await task('sleep 30'));
      await tracker.waitFor(jobId, (s) => s.state === 'running', timeoutMs);
      await backend.cancel([jobId]);
      const status = await completion(jobId);
      expect(status.exitCode).not.toBe(0);
      expect(status.reason).toMatch(/cancel/i);
    });

    test(ConformanceCase.CancelQueued, 'drops a task cancelled before it started, so it never runs', async () => {
      const marker = join(dir, 'never');
      const jobId = await submit(await task(`touch ${sq(marker)}`));
      await backend.cancel([jobId]);
      const status = await completion(jobId);
      expect(status.exitCode).not.toBe(0);
      expect(status.reason).toMatch(/cancel/i);
      await sleep(500);
      expect(existsSync(marker)).toBe(false);
    });

    test(ConformanceCase.AbortQueued, 'drops a task whose AbortSignal fires before it started', async () => {
      const marker = join(dir, 'never');
      const controller = new AbortController();
      const jobId = await submit(await task(`touch ${sq(marker)}`), controller.signal);
      controller.abort();
      const status = await completion(jobId);
      expect(status.exitCode).not.toBe(0);
      await sleep(500);
      expect(existsSync(marker)).toBe(false);
    });

    test(ConformanceCase.Resources, 'gives a task the cpus and memory it asks for', async () => {
      const out = join(dir, 'resources');
      const status = await run(
        await task(`${opts.resourceProbe!} > ${sq(out)}`, { cpus: 2, memoryBytes: 300 * 1024 * 1024 }),
      );
      expect(status.exitCode).toBe(0);
      expect(readFileSync(out, 'utf8').trim()).toBe('2 300');
    });

    test(
      ConformanceCase.Retry,
      'runs a failed work-dir task again when it is resubmitted in a fresh work dir',
      async () => {
        const marker = join(dir, 'tried');
        const script = `if [ -e ${sq(marker)} ]; then echo second; else touch ${sq(marker)}; exit 7; fi`;
        const first = await task(script, { light: false });
        expect((await run(first)).exitCode).toBe(7);
        // the engine's retry: a new attempt id, the same work dir rewritten (its old .exitcode gone)
        rmSync(first.workDir!, { recursive: true, force: true });
        const second = await task(script, { light: false, workDir: first.workDir });
        const status = await run(second);
        expect(status.exitCode).toBe(0);
        expect(readExitCode(first.workDir!)).toBe(0);
        expect(readFileSync(join(first.workDir!, direct ? WorkDirFile.Log : WorkDirFile.Out), 'utf8')).toBe('second\n');
      },
    );

    test(
      ConformanceCase.Bookkeeping,
      'answers poll() with the kept status of a completed task and `unknown` for an id it was never given',
      async () => {
        const jobId = await submit(await task('exit 5'));
        const status = await completion(jobId);
        const polled = await backend.poll([jobId, `${name}-never-submitted`]);
        expect(polled.get(jobId)).toEqual(status);
        expect(polled.get(`${name}-never-submitted`)).toEqual({ state: 'unknown' });
      },
    );

    test(ConformanceCase.Closed, 'refuses a task submitted after close(), naming it, and runs nothing', async () => {
      const closed = await makeBackend();
      await closed.close();
      const marker = join(dir, 'never');
      const late = await task(`touch ${sq(marker)}`);
      await expect(closed.submit(late, new AbortController().signal)).rejects.toThrow(
        `Cannot submit task \`${late.id}\``,
      );
      await sleep(200);
      expect(existsSync(marker)).toBe(false);
    });

    test(ConformanceCase.FanOut, 'runs a fan-out of tasks, each completing with its own exit code', async () => {
      const total = opts.fanOut ?? 300;
      const inFlight = opts.maxInFlight ?? 16;
      const outcomes = new Map<number, Completed>();
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < total) {
          const i = next++;
          outcomes.set(i, await run(await task(`exit $((${i} % 3))`)));
        }
      };
      await Promise.all(Array.from({ length: inFlight }, worker));
      expect(outcomes.size).toBe(total);
      for (const [i, status] of outcomes) expect(status.exitCode, `task ${i}`).toBe(i % 3);
    });
  });
}
