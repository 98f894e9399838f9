// Nextflow's grid executors (slurm, pbs, pbspro), replayed from its source (bench/nextflow/), against `pipe shims`:
// work dirs with Nextflow's .command.run, submitted, polled and cancelled with Nextflow's own commands and parsers,
// each job run by pipe's pilot. nextflow-real-slurm.test.ts runs the same cases against the real Slurm.
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExecutorLoop } from '../../bench/nextflow/executor-loop.js';
import { FLAVOURS } from '../../bench/nextflow/flavours.js';
import { runPipe, scratchDir, waitFor } from '../helpers/cli.js';
import { nextflowCases } from './nextflow-cases.js';

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
  const pidFile = join(bin, '.state', 'gateway.pid');
  if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
});

// Runs a command to its end without blocking the event loop.
function spawnAsync(
  command: string,
  args: readonly string[],
  cwd: string,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

// A shim command's result.
function shim(command: string, args: readonly string[], cwd = dir): { code: number | null; out: string; err: string } {
  const r = spawnSync(join(bin, command), args, { cwd, env, encoding: 'utf8', input: '' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

nextflowCases(
  {
    label: 'pipe shims',
    env: () => env,
    dir: () => dir,
    jobIdPattern: { slurm: /^\d+$/, pbs: /^\d+\.pipe$/, pbspro: /^\d+\.pipe$/ },
    checkResources(_flavour, h) {
      // The pilot's store holds the task under Nextflow's job name and work dir, with the header's resources.
      const db = new Database(join(bin, '.state', 'queue.db'), { readonly: true });
      try {
        const row = db
          .prepare('SELECT name, work_dir, cpus, memory, time_limit FROM pilot_tasks WHERE tags LIKE ?')
          .get(`%"job":"${h.jobId}"%`);
        expect(row).toEqual({
          name: 'nf-resources',
          work_dir: h.task.workDir,
          cpus: 2,
          memory: 1024 ** 3,
          time_limit: 3_600_000,
        });
      } finally {
        db.close();
      }
    },
  },
  ['slurm', 'pbs', 'pbspro'],
);

describe('pipe shims', () => {
  it('starts one gateway when many first commands arrive at once, and every one of them is answered', async () => {
    const fresh = scratchDir();
    const written = await runPipe(['shims', '--print-path', '--idle-timeout', '5s'], fresh);
    const freshBin = written.stdout.trim();
    const calls = Array.from({ length: 8 }, () =>
      spawnAsync(join(freshBin, 'squeue'), ['--noheader', '-o', '%i %t', '-t', 'all'], fresh),
    );
    expect(await Promise.all(calls)).toEqual(Array.from({ length: 8 }, () => ({ code: 0, out: '' })));
    const log = readFileSync(join(freshBin, '.state', 'gateway.log'), 'utf8');
    expect(log.match(/gateway on 127\.0\.0\.1:\d+/g)).toHaveLength(1);
    process.kill(Number(readFileSync(join(freshBin, '.state', 'gateway.pid'), 'utf8')), 'SIGTERM');
  });

  it('answers squeue and qstat with exit 0 and no lines for a user with no jobs', () => {
    expect(shim('squeue', ['--noheader', '-o', '%i %t', '-t', 'all', '-u', 'nobody-here'])).toEqual({
      code: 0,
      out: '',
      err: '',
    });
    expect(shim('qstat', ['-u', 'nobody-here'])).toEqual({ code: 0, out: '', err: '' });
  });

  it('runs an array job one task per index with SLURM_ARRAY_TASK_ID, listed as JOB_INDEX', async () => {
    const work = join(dir, 'array');
    mkdirSync(work, { recursive: true });
    writeFileSync(
      join(work, 'job.sh'),
      '#!/bin/bash\n#SBATCH --array=0-2\necho "index $SLURM_ARRAY_TASK_ID" > out-$SLURM_ARRAY_TASK_ID.txt\n',
    );
    const submitted = shim('sbatch', ['--parsable', 'job.sh'], work);
    expect(submitted.code).toBe(0);
    const job = submitted.out.trim();
    expect(job).toMatch(/^\d+$/);
    const listed = shim('squeue', ['--noheader', '-o', '%i', '-t', 'all', '-j', job]).out.trim().split('\n');
    expect(listed).toEqual([`${job}_0`, `${job}_1`, `${job}_2`]);
    await waitFor(() => [0, 1, 2].every((i) => readFileSync(join(work, `out-${i}.txt`), { flag: 'a+' }).length > 0));
    expect(readFileSync(join(work, 'out-2.txt'), 'utf8')).toBe('index 2\n');
  });

  it('sends USR2 30 s before a job’s time limit (--signal B:USR2@30): the wrapper ends its task with exit 140', async () => {
    const nf = startExecutorLoop({
      flavour: FLAVOURS.slurm,
      env,
      user: userInfo().username,
      pollIntervalMs: 200,
      queueStatIntervalMs: 200,
    });
    const h = nf.submit({ name: 'slow', workDir: join(dir, 'usr2'), timeSeconds: 32, script: 'sleep 60' });
    await h.done;
    nf.stop();
    expect(h.exitStatus).toBe(140); // the wrapper's answer to USR2; the time limit's kill would give another status
  });

  it('refuses an option it cannot honour with sbatch’s kind of message and exit 1', () => {
    const r = shim('sbatch', ['--hold', '--wrap', 'true']);
    expect(r).toEqual({ code: 1, out: '', err: "sbatch: error: --hold: not supported by pipe's Slurm commands\n" });
  });

  it('lists the jobs in `pipe tasks --server` under their job names', async () => {
    const server = readFileSync(join(bin, '.state', 'server'), 'utf8').trim();
    const r = await runPipe(['tasks', '--server', server, '--token-file', join(bin, '.state', 'pilot-token')], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('nf-hello_1');
  });
});
