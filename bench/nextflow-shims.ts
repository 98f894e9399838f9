// (k) Nextflow's grid executor on pipe's shims against the real Slurm (bench/nextflow/, the replay of its executor
// loop): a fan-out of N tasks with at most 100 outstanding, in interleaved rounds, with Nextflow's default polling
// (pollInterval 5 s, queueStatInterval 1 min) and with fast polling (200 ms); once with as many jobs at once as
// Slurm's node has CPUs configured, once with as many as this machine has cores (each task asks the share of the
// node's CPUs that leaves room for that many); and what one status and one submit command cost through the shims
// and through Slurm's own commands.
import { availableParallelism, loadavg, tmpdir, userInfo } from 'node:os';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, startExecutorLoop, type TaskHandle } from './nextflow/executor-loop.js';
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

// One fan-out's wall time and where it went (medians over its tasks, in ms): the submit command, from its return
// to the job's start (.command.begin written), the job's run (to its .exitcode), and from the .exitcode to the
// executor loop seeing it; `submitTotal` is the sum of the submit commands, which Nextflow runs one at a time.
interface FanOut {
  readonly wallMs: number;
  readonly submit: number;
  readonly submitTotal: number;
  readonly toStart: number;
  readonly run: number;
  readonly seen: number;
}

// Where a task's time went, from its handle and its work dir's files.
function phasesOf(h: TaskHandle): { submit: number; toStart: number; run: number; seen: number } {
  const begin = statSync(join(h.task.workDir, '.command.begin')).mtimeMs;
  const exit = statSync(join(h.task.workDir, '.exitcode')).mtimeMs;
  return { submit: h.submitMs!, toStart: begin - h.submittedAt!, run: exit - begin, seen: h.completedAt! - exit };
}

// Runs the fan-out once.
async function fanOut(env: NodeJS.ProcessEnv, dir: string, n: number, polling: Polling, cpus: number): Promise<FanOut> {
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
    nf.submit({ name: `fan (${i})`, workDir: join(dir, `t${i}`), script: `echo ${i}`, cpus }),
  );
  await Promise.all(handles.map((h) => h.done));
  const wallMs = Date.now() - started;
  nf.stop();
  const failed = handles.filter((h) => h.exitStatus !== 0).length;
  if (failed > 0) throw new Error(`${failed} of ${n} fan-out tasks failed`);
  const phases = handles.map(phasesOf);
  const med = (key: keyof ReturnType<typeof phasesOf>): number => median(phases.map((p) => p[key]));
  const submitTotal = phases.reduce((sum, p) => sum + p.submit, 0);
  return { wallMs, submit: med('submit'), submitTotal, toStart: med('toStart'), run: med('run'), seen: med('seen') };
}

// The phases of a fan-out as a line's tail.
function describe(f: FanOut): string {
  const ms = (x: number): string => `${Math.round(x)} ms`;
  return (
    `submit ${ms(f.submit)} (all ${(f.submitTotal / 1000).toFixed(1)} s), to start ${ms(f.toStart)}, ` +
    `run ${ms(f.run)}, .exitcode seen after ${ms(f.seen)}`
  );
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

// Median ms of `count` sequential runs of a command the way the executor loop runs its submit commands (a child
// with stdin, stdout and stderr as pipes, awaited): the floor under each submission.
async function perLoopCall(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string, count: number) {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await run(argv, cwd, env);
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

// Runs the fan-out on both sides in interleaved rounds and prints the medians.
async function comparePolling(
  shimEnv: NodeJS.ProcessEnv,
  slurmEnv: NodeJS.ProcessEnv,
  dir: string,
  n: number,
  rounds: number,
  polling: Polling,
  width: number,
  cpus: number,
): Promise<void> {
  const runs: Record<'shims' | 'slurm', FanOut[]> = { shims: [], slurm: [] };
  const loads: number[] = [];
  const tag = `${polling.pollIntervalMs}-${width}`;
  for (let round = 0; round < rounds; round++) {
    loads.push(loadavg()[0]!);
    runs.shims.push(await fanOut(shimEnv, join(dir, `shims-${tag}-${round}`), n, polling, cpus));
    runs.slurm.push(await fanOut(slurmEnv, join(dir, `slurm-${tag}-${round}`), n, polling, cpus));
  }
  // The round of median wall time stands for each side.
  const typical = (all: FanOut[]): FanOut => {
    const m = median(all.map((f) => f.wallMs));
    return all.reduce((best, f) => (Math.abs(f.wallMs - m) < Math.abs(best.wallMs - m) ? f : best));
  };
  const shims = median(runs.shims.map((f) => f.wallMs));
  const slurm = median(runs.slurm.map((f) => f.wallMs));
  console.log(
    `nextflow-shims fan-out n=${n}, 100 outstanding, ${width} jobs at once (-c ${cpus}), ${polling.label}: ` +
      `shims ${(shims / 1000).toFixed(1)} s · Slurm ${(slurm / 1000).toFixed(1)} s = ${(slurm / shims).toFixed(1)}x ` +
      `(median of ${rounds}, load ${median(loads).toFixed(1)})\n` +
      `  shims: ${describe(typical(runs.shims))}\n  Slurm: ${describe(typical(runs.slurm))}`,
  );
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
  // The shims' local agent gets as many slots as Slurm's node has CPUs, so both run as many jobs at once.
  const slots = Number(spawnSync('sinfo', ['-h', '-o', '%c'], { env: slurmEnv, encoding: 'utf8' }).stdout.trim()) || 1;
  const written = spawnSync(pipeBin, ['shims', '--print-path', '--idle-timeout', '2m', '-j', String(slots)], {
    cwd: dir,
    encoding: 'utf8',
  });
  const bin = written.stdout.trim();
  const shimEnv = { ...slurmEnv, PATH: `${bin}:${process.env.PATH ?? ''}` };
  try {
    const job = join(dir, 'job');
    mkdirSync(job);
    writeFileSync(join(job, 'job.sh'), '#!/bin/bash\ntrue\n');
    const status = ['squeue', '--noheader', '-o', '%i %t', '-t', 'all', '-u', userInfo().username];
    const submit = ['sbatch', '-o', '/dev/null', 'job.sh'];
    perCall(status, shimEnv, job, 1); // starts the gateway
    console.log(`nextflow-shims: Slurm's node has ${slots} CPUs; pipe shims -j ${slots}`);
    console.log(
      `nextflow-shims per call (median of 30): a process start (/bin/true) ${perCall(['true'], shimEnv, job, 30).toFixed(1)} ms; squeue shim ${perCall(status, shimEnv, job, 30).toFixed(1)} ms · Slurm ${perCall(status, slurmEnv, job, 30).toFixed(1)} ms; ` +
        `sbatch shim ${perCall(submit, shimEnv, job, 30).toFixed(1)} ms · Slurm ${perCall(submit, slurmEnv, job, 30).toFixed(1)} ms`,
    );
    const floor = await perLoopCall(['true'], shimEnv, job, 30);
    const loopShim = await perLoopCall(submit, shimEnv, job, 30);
    const loopSlurm = await perLoopCall(submit, slurmEnv, job, 30);
    console.log(
      `nextflow-shims run as the loop submits (median of 30): /bin/true ${floor.toFixed(1)} ms · ` +
        `sbatch shim ${loopShim.toFixed(1)} ms · Slurm ${loopSlurm.toFixed(1)} ms`,
    );
    // Jobs at once on each side: all of the node's CPUs (one CPU per task), then this machine's real cores
    // (PIPE_BENCH_FANOUT_WIDTH=cores or =node keeps one of them; PIPE_BENCH_FANOUT_POLLING=fast or =default keeps one
    // polling).
    const only = process.env.PIPE_BENCH_FANOUT_WIDTH;
    const cores = Math.min(slots, availableParallelism());
    const widths = [...new Set(only === 'cores' ? [cores] : only === 'node' ? [slots] : [slots, cores])];
    const pollOnly = process.env.PIPE_BENCH_FANOUT_POLLING;
    const pollings = POLLING.filter(
      (p) => pollOnly === undefined || (pollOnly === 'fast') === p.pollIntervalMs < 1_000,
    );
    for (const width of widths) {
      const cpus = Math.floor(slots / width);
      for (const polling of pollings) await comparePolling(shimEnv, slurmEnv, dir, n, rounds, polling, width, cpus);
    }
  } finally {
    await stopGateway(join(bin, '.state', 'gateway.pid'));
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}
