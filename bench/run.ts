// `npm run bench [-- NAME…]`: pipe against floors measured in the same run, printed as ratios.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cwlBench } from './cwl.js';
import { dslParseBench } from './dsl-parse.js';
import { loadAverage, measure, median, type Measured } from './measure.js';
import { monitoringBench } from './monitoring.js';
import { nextflowShimsBench } from './nextflow-shims.js';
import { pilotBench } from './pilot.js';
import { pilotQueueMemory } from './pilot-queue.js';
import { pilotQueuePostgres } from './pilot-queue-pg.js';
import { resumeFloorsBench } from './resume-floors.js';
import { stagingBench } from './staging.js';
import { webTasksBench } from './web-tasks.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pipeBin = join(root, 'dist', 'bundle', 'pipe.cjs');
const spawnFloor = join(root, 'dist', 'bench', 'node-spawn.js');

// Runs `pipe ARGS` in a directory.
function pipe(cwd: string, args: readonly string[]): Promise<Measured> {
  return measure(pipeBin, args, { cwd });
}

// Writes N lines of `true` into a task list.
function trueList(dir: string, n: number, line = 'true'): string {
  const file = join(dir, `true-${n}.txt`);
  writeFileSync(file, `${line}\n`.repeat(n));
  return file;
}

// A fresh scratch directory.
function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'pipe-bench-'));
}

const rate = (n: number, m: Measured): string => `${Math.round(n / (m.ms / 1000)).toLocaleString('en-US')}/s`;
const secs = (m: Measured): string => `${(m.ms / 1000).toFixed(2)} s`;
const mib = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MiB`;

// (a) Trivial-task throughput at -j2: pipe against `xargs -P2 -I{} sh -c {}` reading the same list (a shell per
// line, as pipe's lines are shell lines), with `xargs -P2 -n1 true` (one exec per task) and raw Node spawn for
// reference, in interleaved rounds (the machine is noisy: each round measures the floors right next to pipe, and
// the median ratio is reported). CPU time per task: everything pipe ran (its launchers and tasks included), and
// pipe's own process.
async function throughput(): Promise<void> {
  // Sizes and rounds: PIPE_BENCH_THROUGHPUT=2000:7,20000:3 (the default); the line of every task:
  // PIPE_BENCH_THROUGHPUT_LINE (default `true`, which sh and pipe run as a builtin; `/bin/true` execs a program).
  const plan = (process.env.PIPE_BENCH_THROUGHPUT ?? '2000:7,20000:3').split(',').map((s) => s.split(':').map(Number));
  const line = process.env.PIPE_BENCH_THROUGHPUT_LINE ?? 'true';
  for (const [n = 2_000, rounds = 3] of plan) {
    const dir = scratch();
    const list = trueList(dir, n, line);
    const lines = readFileSync(list, 'utf8');
    const input = `${Array.from({ length: n }, (_, i) => i).join('\n')}\n`;
    const ratios: Record<'true' | 'node' | 'pipe', number[]> = { true: [], node: [], pipe: [] };
    const rates: Record<'xargs' | 'pipe', number[]> = { xargs: [], pipe: [] };
    const cpu: Record<'xargs' | 'pipe' | 'self', number[]> = { xargs: [], pipe: [], self: [] };
    for (let round = 0; round < rounds; round++) {
      const xargs = await measure('xargs', ['-P2', '-I{}', 'sh', '-c', '{}'], { input: lines });
      const xargsTrue = await measure('xargs', ['-P2', '-n1', 'true'], { input });
      const node = await measure(process.execPath, [spawnFloor, String(n), '2']);
      rmSync(join(dir, '.pipe'), { recursive: true, force: true });
      const ours = await pipe(dir, ['run', list, '-j', '2', '--quiet']);
      if (ours.exitCode !== 0) throw new Error(`pipe exited ${ours.exitCode}`);
      ratios.true.push(xargs.ms / xargsTrue.ms);
      ratios.node.push(xargs.ms / node.ms);
      ratios.pipe.push(xargs.ms / ours.ms);
      rates.xargs.push(n / (xargs.ms / 1000));
      rates.pipe.push(n / (ours.ms / 1000));
      cpu.xargs.push(xargs.cpuMs / n);
      cpu.pipe.push(ours.cpuMs / n);
      cpu.self.push(ours.selfCpuMs / n);
    }
    const med = (values: number[]): string => `${median(values).toFixed(2)}x`;
    const perTask = (values: number[]): string => `${median(values).toFixed(2)} ms`;
    console.log(
      `throughput n=${n}${line === 'true' ? '' : ` of \`${line}\``} (median of ${rounds} rounds, ratios to xargs -P2 -I{} sh -c {} in the same round; ` +
        `load ${loadAverage()}): xargs -P2 -I{} sh -c {} ${Math.round(median(rates.xargs))}/s, ` +
        `CPU ${perTask(cpu.xargs)}/task · xargs -P2 -n1 true ${med(ratios.true)} · node spawn ${med(ratios.node)} · ` +
        `pipe ${Math.round(median(rates.pipe))}/s = ${med(ratios.pipe)} (rounds: ${ratios.pipe.map((r) => r.toFixed(2)).join(' ')}), ` +
        `CPU ${perTask(cpu.pipe)}/task, of which pipe's own process ${perTask(cpu.self)}`,
    );
    rmSync(dir, { recursive: true, force: true });
  }
}

// (b) A 1,000,000-line list of `true`: wall time and peak RSS; (c) its --resume when all is done.
async function million(): Promise<void> {
  const n = Number(process.env.PIPE_BENCH_MILLION ?? 1_000_000);
  const dir = scratch();
  const list = trueList(dir, n);
  const run = await pipe(dir, ['run', list, '-j', '2', '--quiet']);
  console.log(
    `million n=${n}: ${secs(run)} (${rate(n, run)}), peak RSS ${mib(run.peakRssBytes)}, exit ${run.exitCode}`,
  );
  const resumed = await pipe(dir, ['run', list, '-j', '2', '--quiet', '--resume']);
  console.log(
    `resume n=${n} all done: ${secs(resumed)}, peak RSS ${mib(resumed.peakRssBytes)}, exit ${resumed.exitCode}`,
  );
  rmSync(dir, { recursive: true, force: true });
}

// (c) The resume of a synthesised finished run of PIPE_BENCH_RESUME tasks (default a million), in
// PIPE_BENCH_RESUME_ROUNDS rounds, beside floors on copies of its store (bench/resume-floors.ts).
const resumeFloors = (): Promise<void> =>
  resumeFloorsBench(
    pipeBin,
    Number(process.env.PIPE_BENCH_RESUME ?? 1_000_000),
    Number(process.env.PIPE_BENCH_RESUME_ROUNDS ?? 2),
  );

// (d) Planning a 10,000-task YAML list with dependencies, without running it.
async function planning(): Promise<void> {
  const dir = scratch();
  const lines = ['tasks:'];
  for (let i = 0; i < 10_000; i++) {
    lines.push(`  - id: t${i}`, `    command: echo ${i}`);
    if (i > 0) lines.push(`    after: [t${Math.floor((i - 1) / 2)}]`);
  }
  const file = join(dir, 'tasks.yaml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const { parse } = await import('../parsers/index.js');
  const { orderSteps } = await import('../engine/graph.js');
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const workflow = await parse(file, {});
    orderSteps(workflow.graph);
    times.push(performance.now() - t0);
  }
  const check = await pipe(dir, ['check', file]);
  console.log(
    `planning 10,000-task YAML DAG: ${median(times).toFixed(0)} ms in process (median of 5); \`pipe check\` ${check.ms.toFixed(0)} ms wall`,
  );
  rmSync(dir, { recursive: true, force: true });
}

// (e) `pipe --version` start-up time.
async function startup(): Promise<void> {
  const times: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 11; i++) {
    times.push((await measure(pipeBin, ['--version'])).ms);
    bare.push((await measure(process.execPath, ['-e', '0'])).ms);
  }
  console.log(
    `startup: pipe --version ${median(times).toFixed(0)} ms (median of 11); node -e 0 ${median(bare).toFixed(0)} ms`,
  );
}

// (f) Parsing a generated 5,000-line Nextflow script, in fresh processes (bench/dsl-parse.ts).
const dslParse = (): Promise<void> => dslParseBench();

// (g) The live view's cost: 20,000 trivial tasks at -j2 drawn in a tmux pane vs --plain, in interleaved rounds. Wall
// time is what the target is about; CPU time (pipe, its threads and its tasks) also shows the view's cost on a machine
// shared with other work, where wall time mostly measures waiting.
async function tui(): Promise<void> {
  const n = Number(process.env.PIPE_BENCH_TUI ?? 20_000);
  const dir = scratch();
  const list = trueList(dir, n);
  const socket = `pipe-bench-${process.pid}`;
  const rounds = Number(process.env.PIPE_BENCH_TUI_ROUNDS ?? 5);
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  const runs: Record<'tui' | 'plain', PaneRun[]> = { tui: [], plain: [] };
  try {
    for (let round = 0; round < rounds; round++) {
      for (const mode of ['plain', 'tui'] as const) {
        rmSync(join(dir, '.pipe'), { recursive: true, force: true });
        runs[mode].push(await inTmux(socket, dir, [list, '-j', '2', ...(mode === 'plain' ? ['--plain'] : [])]));
      }
      const [tuiRun, plainRun] = [runs.tui.at(-1) as PaneRun, runs.plain.at(-1) as PaneRun];
      ratios.push(tuiRun.ms / plainRun.ms);
      cpuRatios.push(tuiRun.cpuMs / plainRun.cpuMs);
    }
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    rmSync(dir, { recursive: true, force: true });
  }
  const s = (values: number[]): string => `${(median(values) / 1000).toFixed(2)} s`;
  const list3 = (values: number[]): string => values.map((r) => r.toFixed(3)).join(' ');
  console.log(
    `tui n=${n} in tmux (median of ${rounds} rounds): live view ${s(runs.tui.map((r) => r.ms))} · --plain ${s(runs.plain.map((r) => r.ms))} · ` +
      `ratio ${median(ratios).toFixed(3)}x (rounds: ${list3(ratios)}); CPU time live view ${s(runs.tui.map((r) => r.cpuMs))} · ` +
      `--plain ${s(runs.plain.map((r) => r.cpuMs))} · ratio ${median(cpuRatios).toFixed(3)}x (rounds: ${list3(cpuRatios)})`,
  );
}

interface PaneRun {
  readonly ms: number; // wall time
  readonly cpuMs: number; // user + system time of pipe and everything it started
}

// Runs `pipe run ARGS` in a 120x40 tmux pane (outside CI mode) and resolves with its wall time, as measured in the
// pane from start to exit, and its CPU time, as the shell's `times` reports for its finished children.
async function inTmux(socket: string, dir: string, args: readonly string[]): Promise<PaneRun> {
  const done = join(dir, 'done.txt');
  rmSync(done, { force: true });
  const argv = [pipeBin, 'run', ...args].map((a) => `'${a}'`).join(' ');
  const command =
    `cd '${dir}' && s=$(date +%s%N); env -u CI TERM=xterm-256color ${argv}; ` +
    `{ echo $? $(( ($(date +%s%N) - s) / 1000000 )); times; } > '${done}.part' && mv '${done}.part' '${done}'`;
  const started = spawnSync('tmux', [
    '-L',
    socket,
    '-f',
    '/dev/null',
    'new-session',
    '-d',
    '-x',
    '120',
    '-y',
    '40',
    command,
  ]);
  if (started.status !== 0) throw new Error(`tmux failed: ${started.stderr.toString()}`);
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    let text: string;
    try {
      text = readFileSync(done, 'utf8');
    } catch {
      continue;
    }
    const lines = text.trim().split('\n');
    const [exit, ms] = (lines[0] ?? '').split(' ');
    if (exit !== '0') throw new Error(`pipe exited ${exit} in tmux`);
    return { ms: Number(ms), cpuMs: childCpuMs(lines.at(-1) ?? '') };
  }
}

// The children's user + system time from the last line of `times` ("0m1.25s 0m0.50s", as bash and dash print it).
function childCpuMs(line: string): number {
  let ms = 0;
  for (const [, min, sec] of line.matchAll(/(\d+)m([\d.]+)s/g)) ms += (Number(min) * 60 + Number(sec)) * 1000;
  return ms;
}

// (h) CWL against cwltool: one echo tool, a 200-way scatter (bench/cwl.ts).
const cwl = (): Promise<void> => cwlBench(root, pipeBin);

// (i) The pilot: server + 2 local agents vs xargs -P2 (bench/pilot.ts).
const pilot = (): Promise<void> => pilotBench(pipeBin);

// (j) A million tasks queued at a pilot server: its peak RSS (bench/pilot-queue.ts).
const pilotQueue = (): Promise<void> => pilotQueueMemory(Number(process.env.PIPE_BENCH_PILOT_QUEUE ?? 1_000_000));

// (j2) The pilot queue on PostgreSQL at 10k and 1M queued (PIPE_BENCH_PILOT_PG_SIZES): enqueue and dispatch rates,
// server CPU per task and RSS (bench/pilot-queue-pg.ts).
const pilotQueuePg = (): Promise<void> => pilotQueuePostgres(pipeBin);

// (k) Nextflow's slurm executor on pipe's shims vs the real Slurm: a 200-task fan-out (bench/nextflow-shims.ts).
const nextflowShims = (): Promise<void> => nextflowShimsBench(pipeBin);

// (l) 100 inputs of 10 MB over scp:// vs plain scp -r, and their resume (bench/staging.ts).
const staging = (): Promise<void> => stagingBench(root, pipeBin);

// (m) `pipe serve`: a page of tasks out of a million (bench/web-tasks.ts).
const web = (): Promise<void> => webTasksBench(Number(process.env.PIPE_BENCH_WEB_TASKS ?? 1_000_000));

// (n) Task monitoring's overhead on 2,000 trivial tasks (bench/monitoring.ts).
const monitoring = (): Promise<void> => monitoringBench(pipeBin);

const benchmarks: Record<string, () => Promise<void>> = {
  throughput,
  million,
  'resume-floors': resumeFloors,
  planning,
  startup,
  'dsl-parse': dslParse,
  tui,
  cwl,
  pilot,
  'pilot-queue': pilotQueue,
  'pilot-queue-pg': pilotQueuePg,
  'nextflow-shims': nextflowShims,
  staging,
  web,
  monitoring,
};
const chosen = process.argv.slice(2).filter((a) => a in benchmarks);
for (const name of chosen.length > 0 ? chosen : Object.keys(benchmarks)) await benchmarks[name]?.();
