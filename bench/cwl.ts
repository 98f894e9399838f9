// The CWL benchmark: pipe against Debian's `cwltool --no-container` in the same run, on one `echo` CommandLineTool
// and on a 200-way scatter of it (fixtures/cwl/bench). Rounds interleave the two runners, so that both see the same
// machine load, and alternate which goes first: creating files costs more just after many were deleted (cwltool
// removes its temporary dirs as it ends), and neither runner should always come after the other. Round dirs are
// removed only after the case. Each case reports the median wall time and the median of the per-round ratios.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure, median } from './measure.js';

interface CwlCase {
  readonly name: string;
  readonly tool: string; // in fixtures/cwl/bench
  readonly job: string;
  readonly rounds: number;
}

const CASES: readonly CwlCase[] = [
  { name: 'echo tool', tool: 'echo.cwl', job: 'echo-job.yml', rounds: 8 },
  { name: '200-way scatter of echo', tool: 'scatter-echo.cwl', job: 'scatter-200-job.yml', rounds: 6 },
];

const TARGET = 0.25; // issue 3: pipe's wall time at most a quarter of cwltool's

const TMPFS_MAGIC = 0x01021994;

// Where the rounds run: PIPE_BENCH_DIR, else /dev/shm when it is a tmpfs, else the temporary dir. Both runners
// create a few files per task; on a disk, what that costs depends on the file system's state more than on the
// runner (this machine's ext4 has no journal, and then scans every inode deleted in the last 30 s each time it
// allocates one), so by default both run in memory, each with its TMPDIR in its own round dir.
function benchDir(): string {
  if (process.env.PIPE_BENCH_DIR) return process.env.PIPE_BENCH_DIR;
  try {
    if (statfsSync('/dev/shm').type === TMPFS_MAGIC) return '/dev/shm';
  } catch {
    // no /dev/shm: use the temporary dir
  }
  return tmpdir();
}

// Prints what starting Node costs here, part of every pipe run: `node -e 0`, and again without NODE_EXTRA_CA_CERTS
// when it is set (Node 20 then parses its own and the extra CA certificates as it starts; pipe's executable sets the
// variable aside until pipe makes a TLS connection, backends/pilot/protocol/extra-ca-certs.ts).
async function nodeStartup(): Promise<void> {
  const startup = async (env: NodeJS.ProcessEnv): Promise<number> => {
    const times: number[] = [];
    for (let i = 0; i < 7; i++) times.push((await measure(process.execPath, ['-e', '0'], { env })).ms);
    return median(times);
  };
  const withEnv = await startup(process.env);
  if (process.env.NODE_EXTRA_CA_CERTS === undefined) {
    console.log(`cwl: node start-up (node -e 0, median of 7): ${withEnv.toFixed(0)} ms`);
    return;
  }
  const { NODE_EXTRA_CA_CERTS: _extra, ...rest } = process.env;
  const without = await startup(rest);
  console.log(
    `cwl: node start-up (node -e 0, median of 7): ${withEnv.toFixed(0)} ms with NODE_EXTRA_CA_CERTS as set here, ${without.toFixed(0)} ms without`,
  );
}

// Runs each case with cwltool and with pipe (`pipeBin`, from the repository at `root`) and prints the results.
export async function cwlBench(root: string, pipeBin: string): Promise<void> {
  if (spawnSync('cwltool', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.log('cwl: cwltool is not installed (apt-get install cwltool); skipped');
    return;
  }
  const fixtures = join(root, 'fixtures', 'cwl', 'bench');
  const rounds = Number(process.env.PIPE_BENCH_CWL_ROUNDS ?? 0);
  const base = benchDir();
  console.log(`cwl: rounds run in ${base}, each runner's TMPDIR inside its round dir`);
  await nodeStartup();
  for (const c of CASES) {
    const times: Record<'pipe' | 'cwltool', number[]> = { pipe: [], cwltool: [] };
    const ratios: number[] = [];
    const dirs: string[] = [];
    for (let round = 0; round < (rounds > 0 ? rounds : c.rounds); round++) {
      const dir = mkdtempSync(join(base, 'pipe-bench-cwl-'));
      dirs.push(dir);
      const files = [join(fixtures, c.tool), join(fixtures, c.job)];
      const env = (name: string): NodeJS.ProcessEnv => {
        const scratch = join(dir, `${name}-tmp`);
        mkdirSync(scratch);
        return { ...process.env, TMPDIR: scratch };
      };
      const runCwltool = () =>
        measure('cwltool', ['--no-container', '--quiet', '--outdir', join(dir, 'cwltool'), ...files], {
          cwd: dir,
          env: env('cwltool'),
        });
      const runPipe = () =>
        measure(pipeBin, ['run', '--quiet', '--outdir', join(dir, 'pipe'), ...files], { cwd: dir, env: env('pipe') });
      const pipeFirst = round % 2 === 1;
      const first = await (pipeFirst ? runPipe() : runCwltool());
      const second = await (pipeFirst ? runCwltool() : runPipe());
      const [reference, ours] = pipeFirst ? [second, first] : [first, second];
      if (reference.exitCode !== 0) throw new Error(`cwltool exited ${reference.exitCode} on ${c.tool}`);
      if (ours.exitCode !== 0) throw new Error(`pipe exited ${ours.exitCode} on ${c.tool}`);
      times.cwltool.push(reference.ms);
      times.pipe.push(ours.ms);
      ratios.push(ours.ms / reference.ms);
    }
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    const ratio = median(ratios);
    const ms = (values: number[]): string => `${median(values).toFixed(0)} ms`;
    console.log(
      `cwl ${c.name} (median of ${ratios.length} interleaved rounds): cwltool --no-container ${ms(times.cwltool)} · pipe ${ms(times.pipe)} · ` +
        `ratio ${ratio.toFixed(2)}x (target ≤ ${TARGET}x: ${ratio <= TARGET ? 'met' : 'not met'}; rounds: ${ratios.map((r) => r.toFixed(2)).join(' ')})`,
    );
  }
}
