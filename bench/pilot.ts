// (i) The pilot: 20,000 `true` tasks through a pilot server and two local agents on loopback, against
// `xargs -P2 -I{} sh -c {}` in the same round: once standalone (`pipe server`, two `pipe agent` with their default -j, the
// cores; `pipe submit`; timed from the submit until the server has recorded every task) and once as
// `pipe run --agents local:2`.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAverage, measure, median } from './measure.js';
import { connectClient } from '../backends/pilot/client/pilot-client.js';
import type { QueueCounts } from '../backends/pilot/protocol/messages.js';
import { generateToken } from '../backends/pilot/protocol/token.js';

const TOKEN = generateToken();

// A free TCP port on loopback.
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// Asks the server for its counts over one client connection until `done` holds, every 20 ms.
async function waitForCounts(port: number, done: (c: QueueCounts) => boolean): Promise<void> {
  const client = await connectClient(`tcp://127.0.0.1:${port}`, TOKEN);
  try {
    while (!done((await client.query({ limit: 1 })).counts)) await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    await client.close();
  }
}

// Starts `pipe ARGS` in the background with the bench token.
function background(pipeBin: string, cwd: string, args: readonly string[]): ChildProcess {
  return spawn(pipeBin, args, { cwd, env: { ...process.env, PIPE_TOKEN: TOKEN }, stdio: 'ignore' });
}

const ended = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );

// One standalone round: server and agents are started first; the time runs from the submit to the last record.
async function standalone(pipeBin: string, dir: string, list: string, n: number): Promise<number> {
  const port = await freePort();
  const url = `tcp://127.0.0.1:${port}`;
  rmSync(join(dir, '.pipe'), { recursive: true, force: true });
  const server = background(pipeBin, dir, ['server', '--port', String(port)]);
  await waitForRetry(() => waitForCounts(port, () => true));
  const agents = [0, 1].map(() => background(pipeBin, dir, ['agent', '--server', url]));
  const t0 = performance.now();
  const submit = await measure(pipeBin, ['submit', list, '--server', url], {
    cwd: dir,
    env: { ...process.env, PIPE_TOKEN: TOKEN },
  });
  if (submit.exitCode !== 0) throw new Error(`pipe submit exited ${submit.exitCode}`);
  await waitForCounts(port, (c) => c.succeeded + c.failed >= n);
  const ms = performance.now() - t0;
  server.kill('SIGTERM');
  await Promise.all([server, ...agents].map(ended));
  return ms;
}

// Retries a connection attempt while the server is still starting.
async function waitForRetry(attempt: () => Promise<void>): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

// Runs the rounds and prints the medians.
export async function pilotBench(pipeBin: string): Promise<void> {
  const n = Number(process.env.PIPE_BENCH_PILOT ?? 20_000);
  const rounds = Number(process.env.PIPE_BENCH_PILOT_ROUNDS ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'pipe-bench-pilot-'));
  const list = join(dir, 'true.txt');
  writeFileSync(list, 'true\n'.repeat(n));
  const ratios = { standalone: [] as number[], run: [] as number[] };
  const rates = { xargs: [] as number[], standalone: [] as number[], run: [] as number[] };
  const cpu: number[] = []; // pipe run --agents local:2, everything it ran, per task
  for (let round = 0; round < rounds; round++) {
    const xargs = await measure('xargs', ['-P2', '-I{}', 'sh', '-c', '{}'], { input: 'true\n'.repeat(n) });
    const alone = await standalone(pipeBin, dir, list, n);
    rmSync(join(dir, '.pipe'), { recursive: true, force: true });
    const run = await measure(pipeBin, ['run', list, '--agents', 'local:2', '--quiet'], { cwd: dir });
    if (run.exitCode !== 0) throw new Error(`pipe run --agents local:2 exited ${run.exitCode}`);
    rates.xargs.push(n / (xargs.ms / 1000));
    rates.standalone.push(n / (alone / 1000));
    rates.run.push(n / (run.ms / 1000));
    cpu.push(run.cpuMs / n);
    ratios.standalone.push(xargs.ms / alone);
    ratios.run.push(xargs.ms / run.ms);
  }
  const r = (values: number[]): string => `${median(values).toFixed(2)}x`;
  const per = (values: number[]): string => `${Math.round(median(values)).toLocaleString('en-US')}/s`;
  console.log(
    `pilot n=${n} (median of ${rounds} rounds, ratios to xargs -P2 -I{} sh -c {} in the same round; load ${loadAverage()}): ` +
      `xargs ${per(rates.xargs)} · ` +
      `server + 2 agents (submit → all recorded) ${per(rates.standalone)} = ${r(ratios.standalone)} ` +
      `(rounds: ${ratios.standalone.map((x) => x.toFixed(2)).join(' ')}) · ` +
      `pipe run --agents local:2 ${per(rates.run)} = ${r(ratios.run)} (rounds: ${ratios.run.map((x) => x.toFixed(2)).join(' ')}), ` +
      `CPU ${median(cpu).toFixed(2)} ms/task`,
  );
  rmSync(dir, { recursive: true, force: true });
}
