// pipe run on a real Slurm (and Slurm's PBS wrappers) through the built CLI: fixtures, batching, reattach and
// jobs cancelled from outside. Needs .ci/services/slurm.sh; skipped without it unless PIPE_REQUIRE_SERVICES=1.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir, startPipe, waitFor } from '../helpers/cli.js';
import { requireService, slurmReachable } from '../helpers/services.js';

const available = requireService('Slurm', slurmReachable());
const fixtures = resolve(import.meta.dirname, '..', '..', 'fixtures');
const fast = ['--backend-opt', 'pollIntervalMs=500', '--backend-opt', 'exitGraceMs=3000', '--quiet'];

// Puts logging wrappers for scheduler commands first on PATH: each call appends "<ms> <command>" to calls.log.
function loggingPath(dir: string): { env: NodeJS.ProcessEnv; calls: () => { at: number; command: string }[] } {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const command of ['sbatch', 'squeue', 'scontrol', 'scancel']) {
    const real = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
    writeFileSync(
      join(bin, command),
      `#!/bin/sh\necho "$(date +%s%3N) ${command}" >> '${dir}/calls.log'\nexec '${real}' "$@"\n`,
    );
    chmodSync(join(bin, command), 0o755);
  }
  const calls = (): { at: number; command: string }[] => {
    const log = join(dir, 'calls.log');
    if (!existsSync(log)) return [];
    return readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [at, command] = line.split(' ');
        return { at: Number(at), command: command! };
      });
  };
  return { env: { PATH: `${bin}:${process.env.PATH ?? ''}` }, calls };
}

// The attempts the store recorded for a task: state and reason, in order.
function attempts(dir: string, taskId: string): { state: string; reason: string | null }[] {
  const db = new Database(join(dir, '.pipe', 'pipe.db'), { readonly: true });
  try {
    return db.prepare('SELECT state, reason FROM tasks WHERE task_id = ? ORDER BY run_id, attempt').all(taskId) as {
      state: string;
      reason: string | null;
    }[];
  } finally {
    db.close();
  }
}

// The work dirs under DIR/work.
function workDirs(dir: string): string[] {
  const root = join(dir, 'work');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((a) => readdirSync(join(root, a)).map((b) => join(root, a, b)));
}

// Work dirs whose task's wrapper has started.
function begun(dir: string): number {
  return workDirs(dir).filter((d) => existsSync(join(d, '.command.begin'))).length;
}

// Light tasks whose wrapper has started, in the grid backend's own work dirs under .pipe/grid/<backend run>/light.
function lightBegun(dir: string): number {
  const root = join(dir, '.pipe', 'grid');
  if (!existsSync(root)) return 0;
  return readdirSync(root)
    .flatMap((run) => {
      const light = join(root, run, 'light');
      return existsSync(light) ? readdirSync(light).map((task) => join(light, task)) : [];
    })
    .filter((d) => existsSync(join(d, '.command.begin'))).length;
}

// Attempts the store holds with a scheduler job id and a work dir, as --resume needs them to reattach.
function recordedJobs(dir: string): number {
  const db = new Database(join(dir, '.pipe', 'pipe.db'), { readonly: true });
  try {
    return (
      db.prepare('SELECT COUNT(*) AS n FROM tasks WHERE native_id IS NOT NULL AND work_dir IS NOT NULL').get() as {
        n: number;
      }
    ).n;
  } finally {
    db.close();
  }
}

describe.runIf(available)('pipe run --backend slurm|pbs on a real Slurm', () => {
  it.each(['slurm', 'pbs'])(
    'runs the demo task list unchanged with --backend %s, as the local backend does',
    async (backend) => {
      const local = scratchDir();
      const grid = scratchDir();
      for (const dir of [local, grid]) copyFileSync(join(fixtures, 'demo', 'commands.txt'), join(dir, 'commands.txt'));
      expect((await runPipe(['run', 'commands.txt', '--quiet'], local)).code).toBe(0);
      const result = await runPipe(['run', 'commands.txt', '--backend', backend, ...fast], grid);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('a task that takes half a second');
      for (const file of ['sum.txt', 'squares.txt', 'sequence.txt']) {
        expect(readFileSync(join(grid, 'demo-out', file), 'utf8'), file).toBe(
          readFileSync(join(local, 'demo-out', file), 'utf8'),
        );
      }
      expect(readdirSync(join(grid, 'demo-out')).sort()).toEqual(readdirSync(join(local, 'demo-out')).sort());
    },
    120_000,
  );

  it('runs 2,000 trivial tasks in at most 10 submissions, with at most one squeue per poll interval', async () => {
    const dir = scratchDir({
      'list.txt': `${Array.from({ length: 2000 }, (_, i) => `echo ${i} > out/${i}`).join('\n')}\n`,
    });
    mkdirSync(join(dir, 'out'));
    const { env, calls } = loggingPath(dir);
    const result = await runPipe(
      ['run', 'list.txt', '--backend', 'slurm', '-j', '2000', '--backend-opt', 'pollIntervalMs=1000', '--quiet'],
      dir,
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toHaveLength(2000);
    const log = calls();
    expect(log.filter((c) => c.command === 'sbatch').length).toBeLessThanOrEqual(10);
    const queries = log.filter((c) => c.command === 'squeue').map((c) => c.at);
    expect(queries.length).toBeGreaterThan(0);
    // one per 1,000 ms poll interval over the span of the run, counted from the wrappers' own start times (so a
    // slow process start under load shifts a query but does not add one): two of slack for the ends of the span
    const span = queries.at(-1)! - queries[0]!;
    expect(queries.length).toBeLessThanOrEqual(Math.floor(span / 1_000) + 2);
  }, 600_000);

  it('reattaches after pipe is SIGKILLed while 20 jobs run: none is submitted twice and all complete', async () => {
    const dir = scratchDir();
    mkdirSync(join(dir, 'out'));
    const tasks = Array.from(
      { length: 20 },
      (_, i) => `  - id: t${i}\n    command: sleep 4; echo ran >> '${dir}/out/${i}'`,
    );
    writeFileSync(join(dir, 'tasks.yaml'), `tasks:\n${tasks.join('\n')}\n`);
    const { env, calls } = loggingPath(dir);
    const { child, done } = startPipe(['run', 'tasks.yaml', '--backend', 'slurm', ...fast], dir, env);
    await waitFor(() => begun(dir) === 20, 60_000);
    child.kill('SIGKILL');
    await done;
    const submittedBefore = calls().filter((c) => c.command === 'sbatch').length;
    expect(readdirSync(join(dir, 'out'))).toHaveLength(0); // still running when pipe died

    const resumed = await runPipe(['run', 'tasks.yaml', '--backend', 'slurm', '--resume', ...fast], dir, env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(calls().filter((c) => c.command === 'sbatch').length).toBe(submittedBefore);
    for (let i = 0; i < 20; i++) expect(readFileSync(join(dir, 'out', String(i)), 'utf8'), `task t${i}`).toBe('ran\n');
    const status = await runPipe(['status'], dir);
    expect(status.stdout).toMatch(/cached\s+20/);
  }, 180_000);

  it('reattaches to plain task-list lines after pipe is SIGKILLed while they run: none is submitted twice', async () => {
    const dir = scratchDir();
    mkdirSync(join(dir, 'out'));
    writeFileSync(
      join(dir, 'list.txt'),
      `${Array.from({ length: 20 }, (_, i) => `sleep 4; echo ran >> out/${i}`).join('\n')}\n`,
    );
    const { env, calls } = loggingPath(dir);
    const { child, done } = startPipe(['run', 'list.txt', '--backend', 'slurm', ...fast], dir, env);
    await waitFor(() => lightBegun(dir) === 20, 60_000);
    await waitFor(() => recordedJobs(dir) === 20, 10_000); // the engine's next poll records them
    child.kill('SIGKILL');
    await done;
    const submittedBefore = calls().filter((c) => c.command === 'sbatch').length;
    expect(readdirSync(join(dir, 'out'))).toHaveLength(0); // still running when pipe died

    const resumed = await runPipe(['run', 'list.txt', '--backend', 'slurm', '--resume', ...fast], dir, env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(calls().filter((c) => c.command === 'sbatch').length).toBe(submittedBefore);
    for (let i = 0; i < 20; i++)
      expect(readFileSync(join(dir, 'out', String(i)), 'utf8'), `line ${i + 1}`).toBe('ran\n');
    const status = await runPipe(['status'], dir);
    expect(status.stdout).toMatch(/cached\s+20/);
  }, 180_000);

  it('cancels every submitted job on Ctrl-C and exits 130', async () => {
    const dir = scratchDir();
    const tasks = Array.from({ length: 12 }, (_, i) => `  - id: s${i}\n    command: sleep 120`);
    writeFileSync(join(dir, 'tasks.yaml'), `tasks:\n${tasks.join('\n')}\n`);
    const { child, done } = startPipe(['run', 'tasks.yaml', '--backend', 'slurm', ...fast], dir);
    await waitFor(() => begun(dir) === 12, 60_000);
    const ids = workDirs(dir).map((d) => readFileSync(join(d, '.command.jobid'), 'utf8'));
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(130);
    const alive = spawnSync('squeue', ['-h', '-t', 'PD,R,CG', '-o', '%A', `--jobs=${ids.join(',')}`], {
      encoding: 'utf8',
    });
    expect(alive.stdout.trim()).toBe('');
    expect(result.stderr).toMatch(/12 cancelled/);
  }, 120_000);

  it('fails a job cancelled from outside with scancel with Slurm’s reason, and retries it when retries are set', async () => {
    const dir = scratchDir();
    const marker = join(dir, 'first-attempt');
    const command = `if [ -e '${marker}' ]; then echo second; else touch '${marker}'; sleep 120; fi`;
    writeFileSync(
      join(dir, 'tasks.yaml'),
      `tasks:\n  - id: victim\n    retries: 1\n    command: ${JSON.stringify(command)}\n`,
    );
    const { done } = startPipe(['run', 'tasks.yaml', '--backend', 'slurm', ...fast], dir);
    await waitFor(() => existsSync(marker) && begun(dir) === 1, 60_000);
    const victim = readFileSync(join(workDirs(dir)[0]!, '.command.jobid'), 'utf8');
    expect(victim).toMatch(/^\d+$/);
    expect(spawnSync('scancel', [victim]).status).toBe(0);
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
    expect(attempts(dir, 'victim')).toEqual([
      { state: 'failed', reason: 'cancelled (Slurm CANCELLED)' },
      { state: 'succeeded', reason: null },
    ]);
  }, 180_000);
});
