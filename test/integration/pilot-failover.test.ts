// A standing pilot with real processes — `pipe server`, two `pipe agent`s, `pipe submit` — losing an agent or the
// server mid-run, and refusing agents without the right token; on SQLite and on PostgreSQL.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { runPipe, scratchDir, startPipe, waitFor, type CliResult } from '../helpers/cli.js';
import { databases } from '../backends/pilot/server/databases.js';
import { testToken } from '../helpers/token.js';
import type { ChildProcess } from 'node:child_process';

const TOKEN = testToken('failover');
const env = { PIPE_TOKEN: TOKEN };
const TASKS = 200;

interface Proc {
  readonly child: ChildProcess;
  readonly done: Promise<CliResult>;
  readonly stderr: () => string;
}
let procs: Proc[] = [];

// Starts `pipe ARGS` in `dir`, keeping its stderr readable while it runs.
function start(dir: string, args: readonly string[], extra: NodeJS.ProcessEnv = env): Proc {
  const { child, done } = startPipe(args, dir, extra);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const proc = { child, done, stderr: () => stderr };
  procs.push(proc);
  return proc;
}

// A free TCP port on loopback, so that a restarted server can listen where its agents look for it.
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

// The lines the tasks appended to ran.txt (each task writes its number once per time it runs).
function ran(dir: string): number[] {
  try {
    return readFileSync(join(dir, 'ran.txt'), 'utf8').trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

// Per task (by the number its command echoes): how many of its attempts the queue recorded as succeeded.
async function succeededAttempts(db: string): Promise<Map<number, number>> {
  const sql =
    'SELECT t.command AS command, COUNT(*) AS n FROM pilot_attempts a JOIN pilot_tasks t ON t.id = a.task ' +
    'WHERE a.outcome = $1 GROUP BY t.command';
  let rows: { command: string; n: number | string }[];
  if (db.startsWith('postgres')) {
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    rows = (await client.query<{ command: string; n: string }>(sql, ['succeeded'])).rows;
    await client.end();
  } else {
    const sqlite = new Database(db, { readonly: true });
    rows = sqlite.prepare(sql.replace('$1', '?')).all('succeeded') as { command: string; n: number }[];
    sqlite.close();
  }
  return new Map(rows.map((r) => [Number(/echo (\d+)/.exec(r.command)?.[1]), Number(r.n)]));
}

// The server's counts line from `pipe tasks --server`.
async function counts(dir: string, url: string): Promise<string> {
  return (await runPipe(['tasks', '--server', url, '--limit', '1'], dir, env)).stdout.split('\n')[0] ?? '';
}

// Writes the task list and submits it.
async function submitTasks(dir: string, url: string): Promise<void> {
  const lines = Array.from({ length: TASKS }, (_, i) => `sleep 0.05; echo ${i} >> ran.txt`);
  const list = join(dir, 'list.txt');
  writeFileSync(list, `${lines.join('\n')}\n`);
  const submitted = await runPipe(['submit', list, '--server', url], dir, env);
  expect(submitted.code, submitted.stderr).toBe(0);
}

const allDone = `queued 0 · running 0 · succeeded ${TASKS} · failed 0 · cancelled 0`;

afterEach(async () => {
  for (const proc of procs) {
    if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
    await proc.done;
  }
  procs = [];
});

describe.each(databases)('a standing pilot on $name', (database) => {
  it('completes every task, each recorded succeeded once, when one of two agents is killed mid-run', async () => {
    const { db, drop } = await database.create();
    const dir = scratchDir();
    const port = await freePort();
    const url = `tcp://127.0.0.1:${port}`;
    const server = start(dir, ['server', '--port', String(port), '--db', db, '--heartbeat', '0.2']);
    await waitFor(() => server.stderr().includes('listening on'));
    await submitTasks(dir, url);
    const [victim, survivor] = [0, 1].map(() =>
      start(dir, ['agent', '--server', url, '-j', '2', '--idle-timeout', '60s']),
    );
    await waitFor(() => ran(dir).length >= 30, 60_000);
    victim!.child.kill('SIGKILL');
    let line = '';
    for (let i = 0; i < 300 && line !== allDone; i++) line = await counts(dir, url);
    expect(line).toBe(allDone);
    expect(new Set(ran(dir)).size).toBe(TASKS); // nothing lost: the dead agent's tasks ran on the survivor
    const attempts = await succeededAttempts(db);
    expect(attempts.size).toBe(TASKS);
    expect([...attempts.values()].every((n) => n === 1)).toBe(true);
    expect(server.stderr()).toMatch(/agent-lost|agent-disconnected/);
    expect(survivor!.child.exitCode).toBeNull();
    await drop();
  }, 180_000);

  it('loses no task and runs no succeeded task again when the server is killed and restarted with --resume', async () => {
    const { db, drop } = await database.create();
    const dir = scratchDir();
    const port = await freePort();
    const url = `tcp://127.0.0.1:${port}`;
    const first = start(dir, ['server', '--port', String(port), '--db', db, '--heartbeat', '0.5']);
    await waitFor(() => first.stderr().includes('listening on'));
    await submitTasks(dir, url);
    const agents = [0, 1].map(() => start(dir, ['agent', '--server', url, '-j', '2', '--idle-timeout', '60s']));
    await waitFor(() => ran(dir).length >= 40, 60_000);
    first.child.kill('SIGKILL');
    await first.done;
    const before = await succeededAttempts(db); // what the killed server had recorded succeeded
    expect(before.size).toBeGreaterThan(0);
    const second = start(dir, ['server', '--port', String(port), '--db', db, '--heartbeat', '0.5', '--resume']);
    await waitFor(() => second.stderr().includes('listening on'));
    let line = '';
    for (let i = 0; i < 300 && line !== allDone; i++) line = await counts(dir, url);
    expect(line).toBe(allDone);
    const runs = ran(dir);
    expect(new Set(runs).size).toBe(TASKS);
    for (const line of before.keys())
      expect(
        runs.filter((n) => n === line),
        `task ${line}`,
      ).toHaveLength(1);
    const after = await succeededAttempts(db);
    expect([...after.values()].every((n) => n === 1)).toBe(true);
    expect(agents.every((a) => /reconnect/.test(a.stderr()))).toBe(true);
    expect(agents.every((a) => a.child.exitCode === null)).toBe(true);
    await drop();
  }, 180_000);

  it('refuses an agent with a wrong token or none, and logs the refusal', async () => {
    const { db, drop } = await database.create();
    const dir = scratchDir();
    const server = start(dir, ['server', '--port', '0', '--db', db]);
    await waitFor(() => /listening on (\S+)/.test(server.stderr()));
    const url = /listening on (\S+)/.exec(server.stderr())![1]!;
    const wrong = await runPipe(['agent', '--server', url, '-j', '1'], dir, { PIPE_TOKEN: testToken('wrong') });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/refused/);
    await waitFor(() => /agent-refused/.test(server.stderr()));
    expect(server.stderr()).toMatch(/agent-refused.*127\.0\.0\.1/);
    const none = await runPipe(['agent', '--server', url, '-j', '1'], scratchDir(), { PIPE_TOKEN: '' });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/token/);
    await drop();
  }, 60_000);
});
