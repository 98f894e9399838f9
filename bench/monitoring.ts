// The cost of task monitoring: 2,000 trivial tasks at -j2 with --with-monitoring (the node sampler, the launchers'
// CPU and I/O figures, the store's resource rows) against the same run without, in interleaved rounds; the median
// ratio of wall times must stay within 5% (docs/monitoring.md). CPU time (user + system of pipe and everything it
// ran) is printed beside it: on a loaded machine it is the steadier figure.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure, median } from './measure.js';

const TARGET = 1.05;
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

// CPU seconds used by this process's reaped children so far (cutime + cstime of /proc/self/stat).
function childrenCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND; // fields 16 and 17 of stat(5)
}

// Runs the benchmark with the built CLI at `pipeBin`.
export async function monitoringBench(pipeBin: string, n = 2_000, rounds = 7): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-bench-monitoring-'));
  try {
    const list = join(dir, 'true.txt');
    writeFileSync(list, 'true\n'.repeat(n));
    const run = async (extra: readonly string[]): Promise<{ ms: number; cpu: number }> => {
      rmSync(join(dir, '.pipe'), { recursive: true, force: true });
      const cpuBefore = childrenCpuSeconds();
      const m = await measure(pipeBin, ['run', list, '-j', '2', '--quiet', ...extra], { cwd: dir });
      if (m.exitCode !== 0) throw new Error(`pipe exited ${m.exitCode}`);
      return { ms: m.ms, cpu: childrenCpuSeconds() - cpuBefore };
    };
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    const cpu = { plain: [] as number[], monitored: [] as number[] };
    const loads: number[] = [];
    for (let round = 0; round < rounds; round++) {
      // Alternate which goes first, so neither always runs on a warmer machine.
      const monitoredFirst = round % 2 === 1;
      const a = await run(monitoredFirst ? ['--with-monitoring'] : []);
      const b = await run(monitoredFirst ? [] : ['--with-monitoring']);
      const [plain, monitored] = monitoredFirst ? [b, a] : [a, b];
      ratios.push(monitored.ms / plain.ms);
      cpuRatios.push(monitored.cpu / plain.cpu);
      cpu.plain.push(plain.cpu);
      cpu.monitored.push(monitored.cpu);
      loads.push(loadavg()[0] ?? 0);
    }
    const ratio = median(ratios);
    const perTask = (seconds: number): string => `${((seconds / n) * 1000).toFixed(2)} ms`;
    console.log(
      `monitoring n=${n} -j2 (median of ${rounds} rounds, monitored / unmonitored wall time): ${ratio.toFixed(3)}x ` +
        `(target ≤ ${TARGET}x: ${ratio <= TARGET ? 'met' : 'NOT met'}; rounds: ${ratios.map((r) => r.toFixed(3)).join(' ')})`,
    );
    console.log(
      `  CPU time (user+sys of pipe and its tasks) per task: monitored ${perTask(median(cpu.monitored))} · ` +
        `unmonitored ${perTask(median(cpu.plain))} · ratio ${median(cpuRatios).toFixed(3)}x ` +
        `(rounds: ${cpuRatios.map((r) => r.toFixed(3)).join(' ')}); load average 1 min ${loads.map((l) => l.toFixed(1)).join(' ')}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
