// The cost of task monitoring: 2,000 trivial tasks at -j2 with --with-monitoring (the node sampler, the launchers'
// CPU and I/O figures, the store's resource rows) against the same run without, in interleaved rounds; the median
// ratio of wall times must stay within 5% (docs/monitoring.md).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure, median } from './measure.js';

const TARGET = 1.05;

// Runs the benchmark with the built CLI at `pipeBin`.
export async function monitoringBench(pipeBin: string, n = 2_000, rounds = 7): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-bench-monitoring-'));
  try {
    const list = join(dir, 'true.txt');
    writeFileSync(list, 'true\n'.repeat(n));
    const run = async (extra: readonly string[]): Promise<number> => {
      rmSync(join(dir, '.pipe'), { recursive: true, force: true });
      const m = await measure(pipeBin, ['run', list, '-j', '2', '--quiet', ...extra], { cwd: dir });
      if (m.exitCode !== 0) throw new Error(`pipe exited ${m.exitCode}`);
      return m.ms;
    };
    const ratios: number[] = [];
    for (let round = 0; round < rounds; round++) {
      // Alternate which goes first, so neither always runs on a warmer machine.
      const first = round % 2 === 0 ? [] : ['--with-monitoring'];
      const second = round % 2 === 0 ? ['--with-monitoring'] : [];
      const a = await run(first);
      const b = await run(second);
      ratios.push(round % 2 === 0 ? b / a : a / b);
    }
    const ratio = median(ratios);
    console.log(
      `monitoring n=${n} -j2 (median of ${rounds} rounds, monitored / unmonitored wall time): ${ratio.toFixed(3)}x ` +
        `(target ≤ ${TARGET}x: ${ratio <= TARGET ? 'met' : 'NOT met'}; rounds: ${ratios.map((r) => r.toFixed(3)).join(' ')})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
