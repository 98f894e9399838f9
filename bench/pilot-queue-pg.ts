// The pilot queue on PostgreSQL at growing sizes: for each N, a real `pipe server --db postgres://…` in a fresh
// schema takes N `true` lines from `pipe submit` (enqueue tasks/s), then four in-process agents that complete every
// task at once drain a fixed number of them (dispatch + completion tasks/s, and the server's CPU time per dispatched
// task, with N queued). The server's peak RSS covers both. Database: PIPE_BENCH_POSTGRES or PIPE_TEST_POSTGRES.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connectClient } from '../backends/pilot/client/pilot-client.js';
import { generateToken } from '../backends/pilot/protocol/token.js';
import { measure, peakRss } from './measure.js';
import { startInstantAgent } from './pilot-instant-agent.js';

const TOKEN = generateToken();
const AGENTS = 4;
const SLOTS = 256; // tasks each agent pulls at a time

const mib = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MiB`;

// User + system CPU time of a process in ms (clock ticks of 10 ms).
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

// A fresh schema in the database at `url`: the --db URL selecting it, and its removal.
async function freshSchema(url: string): Promise<{ db: string; drop(): Promise<void> }> {
  const schema = `pipe_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const separator = url.includes('?') ? '&' : '?';
  return {
    db: `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    drop: () => admin(`DROP SCHEMA ${schema} CASCADE`),
  };
}

// Starts `pipe server --port 0 --db DB` in `dir`; resolves once it prints its URL.
function startServer(pipeBin: string, dir: string, db: string): Promise<{ url: string; pid: number; stop(): void }> {
  const env = { ...process.env, PIPE_TOKEN: TOKEN };
  const child = spawn(pipeBin, ['server', '--port', '0', '--db', db], {
    cwd: dir,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`pipe server exited ${code} before listening: ${stderr}`)));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /listening on (\S+)/.exec(stderr)?.[1];
      if (url === undefined || child.pid === undefined) return;
      child.stderr.removeAllListeners('data');
      child.stderr.resume();
      resolve({ url, pid: child.pid, stop: () => child.kill('SIGTERM') });
    });
  });
}

// The pid of the PostgreSQL backend serving the pipe server `serverPid` (its connection's application_name).
async function backendPid(url: string, serverPid: number): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [
      `pipe server ${serverPid}`,
    ]);
    return (rows as { pid: number }[])[0]?.pid;
  } finally {
    await client.end();
  }
}

// Polls the server's succeeded count until it reaches `n`. A count scans the session (seconds at 10M queued) and
// the server answers one query at a time, so the wait between counts is ten times the last count's own time (at
// least 250 ms): the polling takes under a tenth of the server's time from the agents it measures.
async function waitSucceeded(url: string, n: number): Promise<void> {
  const client = await connectClient(url, TOKEN);
  try {
    for (;;) {
      const started = Date.now();
      if ((await client.query({ limit: 1 })).counts.succeeded >= n) break;
      await new Promise((r) => setTimeout(r, Math.max(250, 10 * (Date.now() - started))));
    }
  } finally {
    await client.close();
  }
}

// Has four agents complete `drain` tasks: in-process ones that report each task done at once, or `pipe agent`
// processes (their default -j, the cores) that run the `true` tasks.
async function drainWith(
  kind: 'instant' | 'real',
  pipeBin: string,
  dir: string,
  url: string,
  drain: number,
): Promise<void> {
  if (kind === 'real') {
    const env = { ...process.env, PIPE_TOKEN: TOKEN };
    const args = ['agent', '--server', url, '--idle-timeout', '0'];
    const children = Array.from({ length: AGENTS }, () => spawn(pipeBin, args, { cwd: dir, env, stdio: 'ignore' }));
    await waitSucceeded(url, drain);
    children.forEach((child) => child.kill('SIGTERM'));
    return;
  }
  const agents = await Promise.all(
    Array.from({ length: AGENTS }, (_, i) => startInstantAgent(url, TOKEN, `bench-${i}`, SLOTS)),
  );
  // Until the server has acknowledged (so committed) `drain` results; the server's counts are not asked for here:
  // they scan the session, seconds at 10M queued, and are measured apart (countCost).
  while (agents.reduce((sum, agent) => sum + agent.acknowledged(), 0) < drain)
    await new Promise((r) => setTimeout(r, 5));
  agents.forEach((agent) => agent.stop());
}

// One size: enqueue N, then drain `drain` tasks with four agents.
async function oneSize(pipeBin: string, url: string, n: number, drain: number, real: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-bench-pilot-pg-'));
  const schema = await freshSchema(url);
  try {
    const list = join(dir, 'true.txt');
    writeFileSync(list, 'true\n'.repeat(n));
    const server = await startServer(pipeBin, dir, schema.db);
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, peakRss(server.pid))), 100);
    try {
      const env = { ...process.env, PIPE_TOKEN: TOKEN };
      const load = loadavg()[0]!.toFixed(1);
      const submitCpu = cpuMs(server.pid);
      const submit = await measure(pipeBin, ['submit', list, '--server', server.url], { cwd: dir, env });
      if (submit.exitCode !== 0) throw new Error(`pipe submit exited ${submit.exitCode}`);
      const enqueueCpu = ((cpuMs(server.pid) - submitCpu) * 1000) / n;
      const backend = await backendPid(url, server.pid);
      const backendCpu = (): number => (backend === undefined ? Number.NaN : cpuMs(backend));
      const cpuBefore = cpuMs(server.pid);
      const backendBefore = backendCpu();
      const started = process.hrtime.bigint();
      await drainWith(real ? 'real' : 'instant', pipeBin, dir, server.url, drain);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpu = cpuMs(server.pid) - cpuBefore;
      const pgCpu = backendCpu() - backendBefore;
      // The server's counts, as `pipe status` asks for them: checks every drained task is recorded, and what one
      // count of the whole queue costs (the backend's CPU; parallel workers, when PostgreSQL starts any, not included).
      const countBefore = backendCpu();
      const countStarted = process.hrtime.bigint();
      await waitSucceeded(server.url, drain);
      const countMs = Number(process.hrtime.bigint() - countStarted) / 1e6;
      const countCpu = backendCpu() - countBefore;
      peak = Math.max(peak, peakRss(server.pid));
      console.log(
        `pilot queue pg n=${n}: enqueue ${Math.round(n / (submit.ms / 1000))} tasks/s (${(submit.ms / 1000).toFixed(1)} s, server CPU ${enqueueCpu.toFixed(0)} µs/task) · ` +
          `dispatch+completion of ${drain} with ${AGENTS} ${real ? '`pipe agent`s' : 'in-process agents'} ${Math.round(drain / seconds)} tasks/s · ` +
          `server CPU ${((cpu * 1000) / drain).toFixed(0)} µs/task, its PostgreSQL backend ${((pgCpu * 1000) / drain).toFixed(0)} µs/task · ` +
          `one count of the queue ${countMs.toFixed(0)} ms (backend CPU ${countCpu} ms) · server peak RSS ${mib(peak)} · load ${load}`,
      );
    } finally {
      clearInterval(sampler);
      server.stop();
    }
  } finally {
    await schema.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

// Runs each size in PIPE_BENCH_PILOT_PG_SIZES (comma-separated) and drains up to 50,000 tasks at each;
// PIPE_BENCH_PILOT_PG_AGENTS=real drains them with `pipe agent` processes instead of in-process agents.
export async function pilotQueuePostgres(pipeBin: string): Promise<void> {
  const url = process.env.PIPE_BENCH_POSTGRES ?? process.env.PIPE_TEST_POSTGRES;
  if (url === undefined || url === '') {
    console.log('pilot queue pg: skipped (set PIPE_BENCH_POSTGRES or PIPE_TEST_POSTGRES to a postgres:// URL)');
    return;
  }
  const sizes = (process.env.PIPE_BENCH_PILOT_PG_SIZES ?? '10000,1000000').split(',').map(Number);
  const real = process.env.PIPE_BENCH_PILOT_PG_AGENTS === 'real';
  for (const n of sizes) await oneSize(pipeBin, url, n, Math.min(n, 50_000), real);
}
