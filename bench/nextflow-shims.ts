// (k) Nextflow's grid executor on pipe's shims against the real Slurm (bench/nextflow/, the replay of its executor
// loop): a fan-out of N tasks with at most 100 outstanding, in interleaved rounds, with Nextflow's default polling
// (pollInterval 5 s, queueStatInterval 1 min) and with fast polling (200 ms); and what one status and one submit
// command cost through the shims and through Slurm's own commands.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { startExecutorLoop } from './nextflow/executor-loop.js';
import { FLAVOURS } from './nextflow/flavours.js';
import { median } from './measure.js';

const SLURM_CONF = '/tmp/pipe-slurm/slurm.conf'; // where .ci/services/slurm.sh writes it

interface Polling {
  readonly label: string;
  readonly pollIntervalMs: number;
  readonly queueStatIntervalMs: number;
}

const POLLING: readonly Polling[] = [
  { label: 'Nextflow defaults (poll 5 s, queue status 1 min)', pollIntervalMs: 5_000, queueStatIntervalMs: 60_000 },
  { label: 'fast polling (200 ms)', pollIntervalMs: 200, queueStatIntervalMs: 200 },
];

// Runs the fan-out once; resolves to its wall time in ms.
async function fanOut(env: NodeJS.ProcessEnv, dir: string, n: number, polling: Polling): Promise<number> {
  const nf = startExecutorLoop({
    flavour: FLAVOURS.slurm,
    env,
    user: userInfo().username,
    capacity: 100,
    pollIntervalMs: polling.pollIntervalMs,
    queueStatIntervalMs: polling.queueStatIntervalMs,
  });
  const started = Date.now();
  const handles = Array.from({ length: n }, (_, i) =>
    nf.submit({ name: `fan (${i})`, workDir: join(dir, `t${i}`), script: `echo ${i}` }),
  );
  await Promise.all(handles.map((h) => h.done));
  nf.stop();
  const failed = handles.filter((h) => h.exitStatus !== 0).length;
  if (failed > 0) throw new Error(`${failed} of ${n} fan-out tasks failed`);
  return Date.now() - started;
}

// Median ms of `count` sequential runs of a command.
function perCall(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string, count: number): number {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    const r = spawnSync(argv[0]!, argv.slice(1), { env, cwd, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}`);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

// Stops the shims' gateway and waits (up to 10 s) until it is gone.
async function stopGateway(pidFile: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8'));
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Runs the comparison and prints its lines.
export async function nextflowShimsBench(pipeBin: string): Promise<void> {
  const n = Number(process.env.PIPE_BENCH_FANOUT ?? 200);
  const rounds = Number(process.env.PIPE_BENCH_FANOUT_ROUNDS ?? 1);
  const dir = mkdtempSync(join(tmpdir(), 'pipe-bench-nf-'));
  const slurmEnv = { ...process.env, SLURM_CONF: process.env.SLURM_CONF ?? SLURM_CONF };
  if (spawnSync('sinfo', ['-h'], { env: slurmEnv, stdio: 'ignore' }).status !== 0) {
    console.log('nextflow-shims: skipped (no Slurm answers; start it with .ci/services/slurm.sh start)');
    return;
  }
  const written = spawnSync(pipeBin, ['shims', '--print-path', '--idle-timeout', '2m'], { cwd: dir, encoding: 'utf8' });
  const bin = written.stdout.trim();
  const shimEnv = { ...slurmEnv, PATH: `${bin}:${process.env.PATH ?? ''}` };
  try {
    const job = join(dir, 'job');
    mkdirSync(job);
    writeFileSync(join(job, 'job.sh'), '#!/bin/bash\ntrue\n');
    const status = ['squeue', '--noheader', '-o', '%i %t', '-t', 'all', '-u', userInfo().username];
    const submit = ['sbatch', '-o', '/dev/null', 'job.sh'];
    perCall(status, shimEnv, job, 1); // starts the gateway
    console.log(
      `nextflow-shims per call (median of 30): squeue shim ${perCall(status, shimEnv, job, 30).toFixed(1)} ms · Slurm ${perCall(status, slurmEnv, job, 30).toFixed(1)} ms; ` +
        `sbatch shim ${perCall(submit, shimEnv, job, 30).toFixed(1)} ms · Slurm ${perCall(submit, slurmEnv, job, 30).toFixed(1)} ms`,
    );
    for (const polling of POLLING) {
      const times: Record<'shims' | 'slurm', number[]> = { shims: [], slurm: [] };
      for (let round = 0; round < rounds; round++) {
        times.shims.push(await fanOut(shimEnv, join(dir, `shims-${polling.pollIntervalMs}-${round}`), n, polling));
        times.slurm.push(await fanOut(slurmEnv, join(dir, `slurm-${polling.pollIntervalMs}-${round}`), n, polling));
      }
      const shims = median(times.shims);
      const slurm = median(times.slurm);
      console.log(
        `nextflow-shims fan-out n=${n}, 100 outstanding, ${polling.label}: shims ${(shims / 1000).toFixed(1)} s · ` +
          `Slurm ${(slurm / 1000).toFixed(1)} s = ${(slurm / shims).toFixed(1)}x (median of ${rounds})`,
      );
    }
  } finally {
    await stopGateway(join(bin, '.state', 'gateway.pid'));
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}
