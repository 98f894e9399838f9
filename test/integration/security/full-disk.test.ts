import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../../helpers/cli.js';

// A full disk is a small tmpfs mounted over a directory of the run (root only).
const isRoot = process.getuid?.() === 0;
const mounted: string[] = [];
function mountTmpfs(dir: string, size: string): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  mounted.push(dir);
}
const grow = (dir: string): void => void execFileSync('mount', ['-o', 'remount,size=64m', dir]);
afterEach(() => {
  for (const dir of mounted.splice(0)) execFileSync('umount', [dir]);
});

// Lines in a task's own output file: how many times it ran.
const runsOf = (dir: string, id: number): number => {
  const file = join(dir, 'out', String(id));
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0;
};

describe.skipIf(!isRoot)('a full disk', () => {
  it('in the state dir: one line naming the store and ENOSPC, no lock left, a clean resume once freed', async () => {
    const n = 3_000;
    const dir = scratchDir({ 'list.txt': Array.from({ length: n }, (_, i) => `echo run >> out/${i + 1}\n`).join('') });
    mkdirSync(join(dir, 'out'));
    mountTmpfs(join(dir, '.pipe'), '256k');
    const full = await runPipe(['run', 'list.txt', '-j', '2', '--quiet'], dir);
    expect(full.code).toBe(1);
    const lines = full.stderr.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^pipe: error: .*${join(dir, '.pipe', 'pipe.db')}.*ENOSPC`));
    expect(lines.slice(1).every((line) => line.startsWith('  hint: '))).toBe(true);
    expect(existsSync(join(dir, '.pipe', 'lock'))).toBe(false);
    grow(join(dir, '.pipe'));
    const resumed = await runPipe(['run', 'list.txt', '-j', '2', '--resume', '--quiet'], dir);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/succeeded in .*: \d[\d,]* succeeded, [1-9][\d,]* cached, 0 failed/);
    for (let id = 1; id <= n; id++) expect(runsOf(dir, id), `task ${id}`).toBeGreaterThanOrEqual(1);
  }, 300_000);

  it('in the work dir: each task that cannot write its work dir fails naming it; -k runs the rest', async () => {
    const n = 30;
    const dir = scratchDir({ 'list.txt': Array.from({ length: n }, (_, i) => `echo ${i}\n`).join('') });
    mountTmpfs(join(dir, 'work'), '64k');
    const full = await runPipe(['run', 'list.txt', '--capture', '-k', '-j', '2'], dir);
    expect(full.code).toBe(1);
    expect(full.stderr).not.toMatch(/a bug in pipe|\n\s+at /);
    const failures = full.stderr.split('\n').filter((line) => line.includes('failed (attempt'));
    expect(failures.length).toBeGreaterThan(0);
    for (const line of failures) expect(line).toMatch(new RegExp(`cannot .*${join(dir, 'work')}/\\S+: ENOSPC`));
    const summary = /: (\d+) succeeded, 0 cached, (\d+) failed/.exec(full.stderr);
    expect(Number(summary?.[1]) + Number(summary?.[2])).toBe(n);
    expect(Number(summary?.[1])).toBeGreaterThan(0);
    expect(readdirSync(join(dir, '.pipe'))).not.toContain('lock');
    grow(join(dir, 'work'));
    const resumed = await runPipe(['run', 'list.txt', '--capture', '-k', '-j', '2', '--resume'], dir);
    expect(resumed.code).toBe(0);
  }, 120_000);
});
