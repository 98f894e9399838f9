// `npm run bench [-- NAME…]`: pipe against floors measured in the same run, printed as ratios.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cwlBench } from './cwl.js';
import { dslParseBench } from './dsl-parse.js';
import { measure, median, type Measured } from './measure.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pipeBin = join(root, 'dist', 'ui', 'cli', 'main.js');
const spawnFloor = join(root, 'dist', 'bench', 'node-spawn.js');

// Runs `pipe ARGS` in a directory.
function pipe(cwd: string, args: readonly string[]): Promise<Measured> {
  return measure(process.execPath, [pipeBin, ...args], { cwd });
}

// Writes N lines of `true` into a task list.
function trueList(dir: string, n: number): string {
  const file = join(dir, `true-${n}.txt`);
  writeFileSync(file, 'true\n'.repeat(n));
  return file;
}

// A fresh scratch directory.
function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'pipe-bench-'));
}

const rate = (n: number, m: Measured): string => `${Math.round(n / (m.ms / 1000)).toLocaleString('en-US')}/s`;
const secs = (m: Measured): string => `${(m.ms / 1000).toFixed(2)} s`;
const mib = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MiB`;

// (a) Trivial-task throughput at -j2: pipe vs xargs -P2 vs raw Node spawn, in interleaved rounds (the machine is
// noisy: each round measures the floor right next to pipe, and the median ratio is reported).
async function throughput(): Promise<void> {
  for (const [n, rounds] of [[2_000, 7], [20_000, 3]] as const) {
    const dir = scratch();
    const list = trueList(dir, n);
    const input = `${Array.from({ length: n }, (_, i) => i).join('\n')}\n`;
    const ratios: Record<'sh' | 'node' | 'pipe', number[]> = { sh: [], node: [], pipe: [] };
    const rates: Record<'xargs' | 'pipe', number[]> = { xargs: [], pipe: [] };
    for (let round = 0; round < rounds; round++) {
      const xargs = await measure('xargs', ['-P2', '-n1', 'true'], { input });
      const xargsSh = await measure('xargs', ['-P2', '-n1', 'sh', '-c', 'true'], { input });
      const node = await measure(process.execPath, [spawnFloor, String(n), '2']);
      rmSync(join(dir, '.pipe'), { recursive: true, force: true });
      const ours = await pipe(dir, ['run', list, '-j', '2', '--quiet']);
      if (ours.exitCode !== 0) throw new Error(`pipe exited ${ours.exitCode}`);
      ratios.sh.push(xargs.ms / xargsSh.ms);
      ratios.node.push(xargs.ms / node.ms);
      ratios.pipe.push(xargs.ms / ours.ms);
      rates.xargs.push(n / (xargs.ms / 1000));
      rates.pipe.push(n / (ours.ms / 1000));
    }
    const med = (values: number[]): string => `${median(values).toFixed(2)}x`;
    console.log(
      `throughput n=${n} (median of ${rounds} rounds, ratios to xargs -P2 true in the same round): ` +
        `xargs -P2 true ${Math.round(median(rates.xargs))}/s · xargs -P2 sh -c ${med(ratios.sh)} · node spawn ${med(ratios.node)} · ` +
        `pipe ${Math.round(median(rates.pipe))}/s = ${med(ratios.pipe)} (rounds: ${ratios.pipe.map((r) => r.toFixed(2)).join(' ')})`,
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
  console.log(`million n=${n}: ${secs(run)} (${rate(n, run)}), peak RSS ${mib(run.peakRssBytes)}, exit ${run.exitCode}`);
  const resumed = await pipe(dir, ['run', list, '-j', '2', '--quiet', '--resume']);
  console.log(`resume n=${n} all done: ${secs(resumed)}, peak RSS ${mib(resumed.peakRssBytes)}, exit ${resumed.exitCode}`);
  rmSync(dir, { recursive: true, force: true });
}

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
  console.log(`planning 10,000-task YAML DAG: ${median(times).toFixed(0)} ms in process (median of 5); \`pipe check\` ${check.ms.toFixed(0)} ms wall`);
  rmSync(dir, { recursive: true, force: true });
}

// (e) `pipe --version` start-up time.
async function startup(): Promise<void> {
  const times: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 11; i++) {
    times.push((await measure(process.execPath, [pipeBin, '--version'])).ms);
    bare.push((await measure(process.execPath, ['-e', '0'])).ms);
  }
  console.log(`startup: pipe --version ${median(times).toFixed(0)} ms (median of 11); node -e 0 ${median(bare).toFixed(0)} ms`);
}

// (f) Parsing a generated 5,000-line Nextflow script, in fresh processes (bench/dsl-parse.ts).
const dslParse = (): Promise<void> => dslParseBench();

// (g) The live view's cost: 20,000 trivial tasks at -j2 drawn in a tmux pane vs --plain, in interleaved rounds.
async function tui(): Promise<void> {
  const n = Number(process.env.PIPE_BENCH_TUI ?? 20_000);
  const dir = scratch();
  const list = trueList(dir, n);
  const socket = `pipe-bench-${process.pid}`;
  const rounds = Number(process.env.PIPE_BENCH_TUI_ROUNDS ?? 5);
  const ratios: number[] = [];
  const times: Record<'tui' | 'plain', number[]> = { tui: [], plain: [] };
  try {
    for (let round = 0; round < rounds; round++) {
      for (const mode of ['plain', 'tui'] as const) {
        rmSync(join(dir, '.pipe'), { recursive: true, force: true });
        times[mode].push(await inTmux(socket, dir, [list, '-j', '2', ...(mode === 'plain' ? ['--plain'] : [])]));
      }
      ratios.push((times.tui.at(-1) as number) / (times.plain.at(-1) as number));
    }
  } finally {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    rmSync(dir, { recursive: true, force: true });
  }
  const s = (ms: number[]): string => `${(median(ms) / 1000).toFixed(2)} s`;
  console.log(
    `tui n=${n} in tmux (median of ${rounds} rounds): live view ${s(times.tui)} · --plain ${s(times.plain)} · ratio ${median(ratios).toFixed(3)}x ` +
      `(rounds: ${ratios.map((r) => r.toFixed(3)).join(' ')})`,
  );
}

// Runs `pipe run ARGS` in a 120x40 tmux pane (outside CI mode) and resolves with its wall time in ms, as pipe
// itself measured it from start to exit.
async function inTmux(socket: string, dir: string, args: readonly string[]): Promise<number> {
  const done = join(dir, 'done.txt');
  rmSync(done, { force: true });
  const argv = [process.execPath, pipeBin, 'run', ...args].map((a) => `'${a}'`).join(' ');
  const command = `cd '${dir}' && s=$(date +%s%N); env -u CI TERM=xterm-256color ${argv}; echo $? $(( ($(date +%s%N) - s) / 1000000 )) > '${done}'`;
  const started = spawnSync('tmux', ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-x', '120', '-y', '40', command]);
  if (started.status !== 0) throw new Error(`tmux failed: ${started.stderr.toString()}`);
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    let text: string;
    try {
      text = readFileSync(done, 'utf8');
    } catch {
      continue;
    }
    const [exit, ms] = text.trim().split(' ');
    if (exit !== '0') throw new Error(`pipe exited ${exit} in tmux`);
    return Number(ms);
  }
}

// (h) CWL against cwltool: one echo tool, a 200-way scatter (bench/cwl.ts).
const cwl = (): Promise<void> => cwlBench(root, pipeBin);

const benchmarks: Record<string, () => Promise<void>> = { throughput, million, planning, startup, 'dsl-parse': dslParse, tui, cwl };
const chosen = process.argv.slice(2).filter((a) => a in benchmarks);
for (const name of chosen.length > 0 ? chosen : Object.keys(benchmarks)) await benchmarks[name]?.();
