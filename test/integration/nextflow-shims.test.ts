// Nextflow's grid executors (slurm, pbs, pbspro), replayed from its source (bench/nextflow/), against `pipe shims`:
// work dirs with Nextflow's .command.run, submitted, polled and cancelled with Nextflow's own commands and parsers,
// each job run by pipe's pilot. The same replay runs against the real Slurm in nextflow-real-slurm.test.ts.
import Database from 'better-sqlite3';
import { existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLAVOURS, type FlavourName } from '../../bench/nextflow/flavours.js';
import { startExecutorLoop, type ExecutorLoop } from '../../bench/nextflow/executor-loop.js';
import { runPipe, scratchDir, waitFor } from '../helpers/cli.js';

const user = userInfo().username;
let dir: string;
let bin: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = scratchDir();
  const written = await runPipe(['shims', '--print-path', '-j', '4', '--idle-timeout', '30s'], dir);
  expect(written.code).toBe(0);
  bin = written.stdout.trim();
  env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
});

afterAll(() => {
  const pid = Number(readFileSync(join(bin, '.state', 'gateway.pid'), 'utf8'));
  process.kill(pid, 'SIGTERM');
});

// A fresh loop for a flavour, polling fast (as `executor.pollInterval` and `queueStatInterval` can be set).
function loop(flavour: FlavourName, capacity = 100): ExecutorLoop {
  return startExecutorLoop({
    flavour: FLAVOURS[flavour],
    env,
    user,
    capacity,
    pollIntervalMs: 200,
    queueStatIntervalMs: 200,
    exitReadTimeoutMs: 5_000,
  });
}

describe.each(['slurm', 'pbs', 'pbspro'] as const)('Nextflow executor %s on pipe shims', (flavour) => {
  const work = (name: string): string => join(dir, flavour, name);

  it('runs four hello tasks: exit 0, output in .command.out and the job log', async () => {
    const nf = loop(flavour);
    const handles = [1, 2, 3, 4].map((n) =>
      nf.submit({ name: `hello (${n})`, workDir: work(`hello-${n}`), script: `echo "hello ${n}"` }),
    );
    await Promise.all(handles.map((h) => h.done));
    nf.stop();
    for (const [i, h] of handles.entries()) {
      expect(h.submitError).toBeUndefined();
      expect(h.exitStatus).toBe(0);
      expect(readFileSync(join(h.task.workDir, '.command.out'), 'utf8')).toBe(`hello ${i + 1}\n`);
      expect(readFileSync(join(h.task.workDir, '.command.log'), 'utf8')).toContain(`hello ${i + 1}`);
    }
    expect(handles[0]!.jobId).toMatch(flavour === 'slurm' ? /^\d+$/ : /^\d+\.pipe$/);
  });

  it('reports a failing task’s exit status 3, and the queue no longer lists it as active', async () => {
    const nf = loop(flavour);
    const h = nf.submit({ name: 'fail', workDir: work('fail'), script: 'echo before; exit 3' });
    await h.done;
    nf.stop();
    expect(h.exitStatus).toBe(3);
    expect(readFileSync(join(h.task.workDir, '.exitcode'), 'utf8')).toBe('3');
  });

  it('gives the job the cpus, memory and time of its header as the pilot task’s resources', async () => {
    const nf = loop(flavour);
    const h = nf.submit({
      name: 'resources',
      workDir: work('resources'),
      cpus: 2,
      memoryMb: 1024,
      timeSeconds: 3600,
      script: 'echo "cpus=${SLURM_CPUS_PER_TASK:-${NCPUS:-}} job=${SLURM_JOB_ID:-${PBS_JOBID:-}}"',
    });
    await h.done;
    nf.stop();
    expect(h.exitStatus).toBe(0);
    const jobNumber = h.jobId!.replace(/\..*$/, '');
    expect(readFileSync(join(h.task.workDir, '.command.out'), 'utf8')).toBe(`cpus=2 job=${h.jobId}\n`);
    const db = new Database(join(bin, '.state', 'queue.db'), { readonly: true });
    try {
      const row = db
        .prepare('SELECT name, work_dir, cpus, memory, time_limit FROM pilot_tasks WHERE tags LIKE ?')
        .get(`%"job":"${h.jobId}"%`) as Record<string, unknown>;
      const name = flavour === 'slurm' ? 'nf-resources' : 'nf-resources';
      expect(row).toEqual({ name, work_dir: h.task.workDir, cpus: 2, memory: 1024 ** 3, time_limit: 3_600_000 });
    } finally {
      db.close();
    }
    expect(jobNumber).toMatch(/^\d+$/);
  });

  it('cancels a running task: SIGTERM reaches .command.run, whose trap writes .exitcode 143 within seconds', async () => {
    const nf = loop(flavour);
    const h = nf.submit({ name: 'sleeper', workDir: work('cancel'), script: 'sleep 60' });
    await waitFor(() => h.status === 'RUNNING', 20_000);
    const asked = Date.now();
    const killed = await nf.kill(h);
    expect(killed.code).toBe(0);
    await waitFor(() => existsSync(join(h.task.workDir, '.exitcode')), 5_000);
    expect(Date.now() - asked).toBeLessThan(5_000);
    await h.done;
    nf.stop();
    expect(h.exitStatus).toBe(143);
  });

  it('fans out 200 tasks with at most 100 outstanding, all succeeding', async () => {
    const nf = loop(flavour, 100);
    const handles = Array.from({ length: 200 }, (_, i) =>
      nf.submit({ name: `fan (${i})`, workDir: work(`fan-${i}`), script: `echo ${i}` }),
    );
    await Promise.all(handles.map((h) => h.done));
    nf.stop();
    expect(handles.filter((h) => h.exitStatus !== 0)).toEqual([]);
    expect(nf.maxOutstanding).toBeLessThanOrEqual(100);
    expect(new Set(handles.map((h) => h.jobId)).size).toBe(200);
  }, 120_000);

  it('stages inputs by symlink into the work dir before the script reads them', async () => {
    const data = join(dir, 'data');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'sample.txt'), 'ACGT\n');
    const nf = loop(flavour);
    const h = nf.submit({
      name: 'stage',
      workDir: work('stage'),
      inputs: { 'sample.txt': join(data, 'sample.txt') },
      script: 'tr ACGT TGCA < sample.txt > out.txt',
    });
    await h.done;
    nf.stop();
    expect(h.exitStatus).toBe(0);
    expect(lstatSync(join(h.task.workDir, 'sample.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(h.task.workDir, 'out.txt'), 'utf8')).toBe('TGCA\n');
  });
});
