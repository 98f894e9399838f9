import { execFileSync } from 'node:child_process';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir, startPipe, waitFor, type CliResult } from '../../helpers/cli.js';

// Whether a process sleeps in open(2) of a FIFO, waiting for the other end.
function blockedOnFifo(pid: number | undefined): boolean {
  try {
    return /fifo|pipe|partner/.test(readFileSync(`/proc/${pid}/wchan`, 'utf8'));
  } catch {
    return false;
  }
}

describe('the launch-directory lock under racing starts', () => {
  it('lets exactly one of 100 `pipe run` started at once in one directory run', async () => {
    // The one task records that it ran, then waits for the test to let it finish, so that the run that won
    // still holds the lock while every other start tries to take it.
    const dir = scratchDir({ 'list.txt': 'echo $PPID >> ran.log; while [ ! -e release ]; do sleep 0.05; done\n' });
    // Every start writes its --with-dag into one FIFO just before it opens the store and takes the lock: opening
    // a FIFO blocks until a reader comes, so all 100 are let go at the same instant.
    execFileSync('mkfifo', [join(dir, 'dag.dot')]);
    const args = ['run', 'list.txt', '--quiet', '--plain', '--with-dag', 'dag.dot'];
    const starts = Array.from({ length: 100 }, () => startPipe(args, dir));
    const results: CliResult[] = [];
    for (const start of starts) void start.done.then((r) => results.push(r));
    try {
      await waitFor(() => starts.every((s) => blockedOnFifo(s.child.pid)), 170_000);
      createReadStream(join(dir, 'dag.dot')).resume();
      await waitFor(() => results.length >= 99, 120_000);
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      writeFileSync(join(dir, 'release'), ''); // lets every task that ran finish
    }
    await waitFor(() => results.length === 100, 30_000);
    const ran = results.filter((r) => r.code === 0);
    const refused = results.filter((r) => r.code === 2 && /another pipe run/.test(r.stderr));
    const others = results.filter((r) => !ran.includes(r) && !refused.includes(r)).map((r) => r.stderr);
    expect(others).toEqual([]);
    expect(ran).toHaveLength(1);
    expect(refused).toHaveLength(99);
    expect(readFileSync(join(dir, 'ran.log'), 'utf8').trim().split('\n')).toHaveLength(1);
  }, 300_000);
});
