// The two launchers of the local backend: the compiled one (launcher.c) that runs light tasks, handing work-dir
// tasks over to the bash one, and the bash one alone (PIPE_LAUNCHER=bash, or no C compiler at install). Both must
// behave alike (bash-launcher.test.ts runs the conformance suite against the bash one alone).
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PreparedTask } from '../../../engine/backend.js';
import { createLocalBackend } from '../../../backends/local/index.js';
import { compiledLauncher } from '../../../backends/local/compiled-launcher.js';
import { writeWorkDir } from '../../../engine/workdir/index.js';
import { trackStatuses } from '../status-tracker.js';
import { aliveNotZombie } from '../../helpers/process.js';

const launchDir = realpathSync(mkdtempSync(join(tmpdir(), 'pipe-test-launchers-')));
const never = new AbortController().signal;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
afterAll(() => rmSync(launchDir, { recursive: true, force: true }));

// Runs `body` with the bash launcher chosen, as PIPE_LAUNCHER=bash chooses it.
async function withBash<T>(body: () => Promise<T>): Promise<T> {
  const before = process.env.PIPE_LAUNCHER;
  process.env.PIPE_LAUNCHER = 'bash';
  try {
    return await body();
  } finally {
    if (before === undefined) delete process.env.PIPE_LAUNCHER;
    else process.env.PIPE_LAUNCHER = before;
  }
}

// Runs tasks one after another on one launcher; resolves with their exit codes.
async function runInOrder(tasks: readonly PreparedTask[]): Promise<(number | null)[]> {
  const backend = createLocalBackend({ launchDir, maxRunning: 1, stdout: 'ignore', stderr: 'ignore' });
  const tracker = trackStatuses(backend, 20);
  try {
    for (const task of tasks) await backend.submit(task, never);
    const done = await tracker.waitForCompletion(
      tasks.map((task) => task.id),
      20_000,
    );
    return tasks.map((task) => done.get(task.id)?.exitCode ?? null);
  } finally {
    await backend.close();
  }
}

let counter = 0;
const light = (command: string, extra: Partial<PreparedTask> = {}): PreparedTask => {
  counter += 1;
  return { id: `l${counter}`, name: `l${counter}`, stepName: 's', light: true, command, cpus: 1, ...extra };
};

describe.skipIf(compiledLauncher() === undefined && process.env.PIPE_REQUIRE_SERVICES !== '1')(
  'the compiled launcher',
  () => {
    it('is built (a C compiler is present on these machines)', () => {
      expect(compiledLauncher()).toMatch(/pipe-launch$/);
    });

    it('hands itself over to bash at the first work-dir task, which then runs every later task in order', async () => {
      const out = join(launchDir, 'order.txt');
      const workDir = join(launchDir, 'w1');
      writeWorkDir(workDir, { script: `echo work >> ${out}`, name: 'w' });
      const codes = await runInOrder([
        light('/bin/true'),
        light(`sh -c 'echo x >> ${out}'`),
        { id: 'w', name: 'w', stepName: 's', light: false, command: '', workDir, cpus: 1 },
        light(`sh -c 'echo y >> ${out}'`),
        light('false'),
      ]);
      expect(codes).toEqual([0, 0, 0, 0, 1]);
      expect(readFileSync(out, 'utf8')).toBe('x\nwork\ny\n');
    });

    // What a light task sees of its environment under each launcher: the same variables with the same values, run
    // without sh (X) and through sh (L), in a task dir.
    it('gives light tasks the environment the bash launcher gives them', async () => {
      mkdirSync(join(launchDir, 'sub'), { recursive: true });
      const look = async (tag: string): Promise<string[]> => {
        const file = join(launchDir, `env-${tag}.txt`);
        const fd = openSync(file, 'w');
        const backend = createLocalBackend({ launchDir, maxRunning: 1, stdout: fd, stderr: 'ignore' });
        const tracker = trackStatuses(backend, 20);
        try {
          const tasks = [
            light('/usr/bin/env', { workDir: 'sub', env: { ONE: '1', TWO: 'a b' } }),
            light('/usr/bin/env | cat', { workDir: 'sub', env: { ONE: '1' } }),
          ];
          for (const task of tasks) await backend.submit(task, never);
          const done = await tracker.waitForCompletion(
            tasks.map((task) => task.id),
            20_000,
          );
          expect([...done.values()].map((status) => status.exitCode)).toEqual([0, 0]);
        } finally {
          await backend.close();
          closeSync(fd);
        }
        return readFileSync(file, 'utf8').split('\n');
      };
      const compiled = await look('compiled');
      const bash = await withBash(() => look('bash'));
      const pick = (lines: string[]): string[] =>
        lines.filter((l) => /^(PWD|OLDPWD|ONE|TWO|PATH|HOME|LANG)=/.test(l) || l.startsWith('BASH_FUNC_')).sort();
      expect(pick(compiled)).toContain(`PWD=${join(launchDir, 'sub')}`);
      expect(pick(compiled)).toContain('TWO=a b');
      expect(pick(compiled)).toEqual(pick(bash));
    });
  },
);

describe("tasks that die with pipe (a pilot agent's)", () => {
  for (const launcher of ['compiled', 'bash'] as const) {
    it(`end with a SIGKILLed pipe under the ${launcher} launcher`, async () => {
      const env = { ...process.env, ...(launcher === 'bash' ? { PIPE_LAUNCHER: 'bash' } : {}) };
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, 'lifeline-child.ts'), launchDir],
        { stdio: ['ignore', 'pipe', 'inherit'], env },
      );
      const pid = await new Promise<number>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          const match = /running (\d+)/.exec(chunk.toString());
          if (match !== null) resolve(Number(match[1]));
        });
        child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
      });
      expect(aliveNotZombie(pid)).toBe(true);
      child.kill('SIGKILL');
      for (let i = 0; i < 60 && aliveNotZombie(pid); i++) await sleep(100);
      expect(aliveNotZombie(pid)).toBe(false);
    });
  }
});
