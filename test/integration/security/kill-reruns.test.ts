import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir, startPipe, waitFor } from '../../helpers/cli.js';

// Lines in a task's own output file: how many times it ran.
function runsOf(dir: string, id: number): number {
  const file = join(dir, 'out', String(id));
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0;
}

// Starts `pipe ARGS` and SIGKILLs it once `finished` tasks have written their output (a random point of the run
// that does not depend on the machine's speed).
async function killAfter(dir: string, args: readonly string[], finished: number): Promise<void> {
  const { child, done } = startPipe(args, dir);
  await waitFor(() => readdirSync(join(dir, 'out')).length >= finished || child.exitCode !== null, 120_000);
  const exited = new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
  child.kill('SIGKILL');
  await exited;
  await done;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

describe('kill -9 of a run of light tasks', () => {
  it('runs again a median of at most 2 finished tasks over 10 random kills of a 3,000-task list', async () => {
    const n = 3_000;
    const lines = Array.from({ length: n }, (_, i) => `echo run >> out/${i + 1}`);
    const reruns: number[] = [];
    for (let trial = 0; trial < 10; trial++) {
      const dir = scratchDir({ 'list.txt': `${lines.join('\n')}\n` });
      mkdirSync(join(dir, 'out'));
      await killAfter(dir, ['run', 'list.txt', '-j', '2', '--quiet'], 100 + Math.floor(Math.random() * 2_700));
      await new Promise((r) => setTimeout(r, 300)); // launchers finish the task they had and exit
      const final = await runPipe(['run', 'list.txt', '--resume', '-j', '2', '--quiet'], dir);
      expect(final.code).toBe(0);
      let again = 0;
      for (let id = 1; id <= n; id++) {
        const runs = runsOf(dir, id);
        expect(runs, `task ${id}`).toBeGreaterThanOrEqual(1);
        if (runs > 1) again += 1;
      }
      reruns.push(again);
    }
    expect(median(reruns), `re-runs per kill: ${reruns.join(', ')}`).toBeLessThanOrEqual(2);
  }, 600_000);
});
