// Monitoring on a real Slurm through the built CLI: when a job ends pipe asks sacct what it used. The Slurm of the
// test services keeps no accounting (sacct: "Slurm accounting storage is disabled"), so the run ends with what else
// it has; with an `sacct` first on PATH that answers as a cluster with accounting does, its CPU time, peak memory
// and I/O are the ones recorded. Needs .ci/services/slurm.sh; skipped without it unless
// PIPE_REQUIRE_SERVICES=1.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';
import { requireService, slurmReachable } from '../helpers/services.js';

const available = requireService('Slurm', slurmReachable());
const fast = ['--backend-opt', 'pollIntervalMs=500', '--backend-opt', 'exitGraceMs=3000', '--quiet'];

// An `sacct` on PATH that logs its arguments, then answers with `rows` (ID replaced by the -j id), or runs the real one.
function sacctOnPath(dir: string, rows: string | undefined): NodeJS.ProcessEnv {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const real = spawnSync('sh', ['-c', 'command -v sacct'], { encoding: 'utf8' }).stdout.trim();
  const answer =
    rows === undefined
      ? `exec '${real}' "$@"`
      : `printf '%s\\n' ${rows
          .split('\n')
          .map((r) => `'${r}'`)
          .join(' ')} | sed "s/ID/$2/"`;
  writeFileSync(join(bin, 'sacct'), `#!/bin/sh\necho "$*" >> '${dir}/sacct.log'\n${answer}\n`);
  chmodSync(join(bin, 'sacct'), 0o755);
  return { PATH: `${bin}:${process.env.PATH ?? ''}` };
}

// The trace's rows as objects by column name.
function traceRows(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const names = header!.split('\t');
  return lines.map((line) => Object.fromEntries(line.split('\t').map((v, i) => [names[i], v])));
}

describe.runIf(available)('monitoring on a real Slurm', () => {
  it('asks sacct once per ended job, and ends the run with the figures it has when Slurm keeps no accounting', async () => {
    const dir = scratchDir({ 'list.txt': 'head -c 50000000 /dev/zero | tail -c 1 >/dev/null\n' });
    const env = sacctOnPath(dir, undefined);
    const result = await runPipe(
      ['run', 'list.txt', '--backend', 'slurm', '--with-trace', 'trace.txt', ...fast],
      dir,
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const calls = readFileSync(join(dir, 'sacct.log'), 'utf8').trim().split('\n');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatch(
      /^-j \d+ --format=JobID,TotalCPU,MaxRSS,MaxVMSize,MaxDiskRead,MaxDiskWrite,Elapsed -P -n$/,
    );
    const [row] = traceRows(join(dir, 'trace.txt'));
    expect(row!.realtime).toMatch(/^\d+(\.\d+)?(ms|s)$/);
    expect(row!.peak_rss).toBe('-'); // a light task's wrapper keeps no trace, and sacct had nothing
  }, 120_000);

  it("records sacct's CPU time and peak memory over the wrapper's when accounting has them", async () => {
    const dir = scratchDir({ 'list.txt': 'sleep 1\n' });
    const env = sacctOnPath(dir, 'ID|00:00:30|||||00:00:02\nID.batch|00:00:30|1024000K|2048000K|1M|2M|00:00:02');
    const result = await runPipe(
      ['run', 'list.txt', '--backend', 'slurm', '--with-trace', 'trace.txt', ...fast],
      dir,
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const [row] = traceRows(join(dir, 'trace.txt'));
    expect(row).toMatchObject({ peak_rss: '1000 MB', peak_vmem: '2 GB', read_bytes: '1 MB', write_bytes: '2 MB' });
    // 30 s of CPU over the task's own wall time (about a second, as its wrapper timed it), not the job's Elapsed.
    expect(Number(row!['%cpu']!.replace('%', ''))).toBeGreaterThan(1000);
  }, 120_000);
});
