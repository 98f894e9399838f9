import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir, startPipe, waitFor } from '../helpers/cli.js';

// Task ids the store records as succeeded (or reused) in any run.
function recordedSucceeded(dir: string): Set<string> {
  const db = new Database(join(dir, '.pipe', 'pipe.db'), { readonly: true });
  try {
    const rows = db
      .prepare("SELECT DISTINCT task_id FROM tasks WHERE state IN ('succeeded', 'cached')")
      .raw()
      .all() as [string][];
    return new Set(rows.map(([id]) => id));
  } finally {
    db.close();
  }
}

// Lines in a task's own output file (0 when it never ran).
function linesOf(dir: string, id: string): number {
  const file = join(dir, 'out', id);
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0;
}

// Runs pipe with ARGS and SIGKILLs it after it has recorded some progress.
// Runs pipe with ARGS and SIGKILLs it once `finished` more tasks have ended in this run (a random point of the
// run that does not depend on the machine's speed), or after 60 s.
async function killMidRun(dir: string, args: readonly string[], finished: number): Promise<void> {
  const { child, done } = startPipe([...args, '--log-format', 'json'], dir);
  let ended = 0;
  let partial = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.includes('"to":"succeeded"')) ended += 1;
  });
  await waitFor(() => ended >= finished || child.exitCode !== null, 60_000);
  const exited = new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
  child.kill('SIGKILL');
  await exited;
  await done;
}

const randomBetween = (low: number, high: number): number => Math.floor(low + Math.random() * (high - low));

describe('SIGKILL at random points, then --resume', () => {
  it('finishes a 10,000-task list; no task recorded as succeeded runs again', async () => {
    const n = 10_000;
    // task id = line number; line 1 is a comment so ids start at 2
    const lines = [
      '# each task appends one line to its own file',
      ...Array.from({ length: n }, (_, i) => `echo run >> out/${i + 2}`),
    ];
    const dir = scratchDir({ 'list.txt': `${lines.join('\n')}\n` });
    mkdirSync(join(dir, 'out'));
    const snapshots: Map<string, number>[] = [];
    for (const target of [randomBetween(50, 1500), randomBetween(50, 3000), randomBetween(50, 3000)]) {
      await killMidRun(dir, ['run', 'list.txt', '--resume', '-j', '2', '--quiet'], target);
      await new Promise((r) => setTimeout(r, 200)); // launchers finish their current task and exit
      if (!existsSync(join(dir, '.pipe', 'pipe.db'))) continue;
      const done = recordedSucceeded(dir);
      snapshots.push(new Map([...done].map((id) => [id, linesOf(dir, id)])));
    }
    expect(snapshots.some((s) => s.size > 0)).toBe(true);
    const final = await runPipe(['run', 'list.txt', '--resume', '-j', '2', '--quiet'], dir);
    expect(final.code).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toHaveLength(n);
    for (let i = 0; i < n; i++) expect(linesOf(dir, String(i + 2))).toBeGreaterThanOrEqual(1);
    for (const snapshot of snapshots) {
      for (const [id, count] of snapshot) expect(linesOf(dir, id), `task ${id}`).toBe(count);
    }
    const status = await runPipe(['status'], dir);
    expect(status.stdout).toMatch(/total\s+10,000/);
  }, 180_000);

  it('does not run again work-dir tasks that finished while pipe was down', async () => {
    const n = 1_500;
    const lines = Array.from({ length: n }, (_, i) => `echo run >> ${'../'.repeat(3)}out/${i + 1}`);
    const dir = scratchDir({ 'list.txt': `${lines.join('\n')}\n` });
    mkdirSync(join(dir, 'out'));
    const args = ['run', 'list.txt', '--capture', '--resume', '-j', '2', '--quiet'];
    const snapshots: Map<string, number>[] = [];
    for (const target of [randomBetween(20, 500), randomBetween(20, 500)]) {
      await killMidRun(dir, args, target);
      await new Promise((r) => setTimeout(r, 500));
      // whatever has an .exitcode of 0 now finished, recorded or not
      const finished = new Map<string, number>();
      const work = join(dir, 'work');
      if (!existsSync(work)) continue;
      for (const a of readdirSync(work)) {
        for (const b of readdirSync(join(work, a))) {
          const wd = join(work, a, b);
          if (existsSync(join(wd, '.exitcode')) && readFileSync(join(wd, '.exitcode'), 'utf8') === '0') {
            const id = /out\/(\d+)/.exec(readFileSync(join(wd, '.command.sh'), 'utf8'))?.[1] as string;
            finished.set(id, linesOf(dir, id));
          }
        }
      }
      snapshots.push(finished);
    }
    expect(snapshots.some((s) => s.size > 0)).toBe(true);
    const final = await runPipe(args, dir);
    expect(final.code).toBe(0);
    for (let i = 0; i < n; i++) expect(linesOf(dir, String(i + 1))).toBeGreaterThanOrEqual(1);
    for (const snapshot of snapshots) {
      for (const [id, count] of snapshot) expect(linesOf(dir, id), `task ${id}`).toBe(count);
    }
  }, 180_000);
});

describe('a work-dir task still running when pipe was killed', () => {
  it('is waited for on --resume and recorded, not started a second time', async () => {
    const dir = scratchDir({ 'list.txt': 'sleep 2; echo once >> ../../../ran.log\n' });
    const { child, done } = startPipe(['run', 'list.txt', '--capture', '--log-format', 'json'], dir);
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    await waitFor(() => stderr.includes('"to":"running"'));
    await new Promise((r) => setTimeout(r, 300)); // the running record (with the pid) is committed
    const exited = new Promise((r) => child.once('exit', r)); // 'close' would wait for the task: it holds pipe's stdout
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(join(dir, 'ran.log'))).toBe(false);
    const resumed = await runPipe(['run', 'list.txt', '--capture', '--resume', '--quiet'], dir);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/0 succeeded, 1 cached/);
    expect(readFileSync(join(dir, 'ran.log'), 'utf8')).toBe('once\n');
    await done;
    const why = await runPipe(['why', '1'], dir);
    expect(why.stdout).toMatch(/reused/);
  }, 60_000);
});
