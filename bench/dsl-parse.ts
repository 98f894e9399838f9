// (f) Parsing a generated 5,000-line Nextflow script. Run as a script, one fresh process prints, as JSON, the wall and
// CPU time of loading the parser's modules, of the first parse (which builds the lexer, parser and visitor with a cold
// JIT) and of five later parses; `dslParseBench` runs it in several fresh processes and prints medians and ranges.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { median } from './measure.js';

interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

interface Round {
  readonly lines: number;
  readonly load: Timing;
  readonly first: Timing;
  readonly later: Timing;
}

// Wall and CPU milliseconds of `run`.
function timed(run: () => void): Timing {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  run();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

// One round in this process: load the modules, parse once, parse five more times.
async function round(): Promise<Round> {
  const { generatedScript } = await import('./dsl-source.js');
  const text = generatedScript(5_000);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { parseDsl } = await import('../parsers/dsl/syntax/index.js');
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const first = timed(() => parseDsl(text, 'generated.nf'));
  const later = Array.from({ length: 5 }, () => timed(() => parseDsl(text, 'generated.nf')));
  return {
    lines: text.split('\n').length - 1,
    load: { wall, cpu: (cpu.user + cpu.system) / 1000 },
    first,
    later: { wall: median(later.map((t) => t.wall)), cpu: median(later.map((t) => t.cpu)) },
  };
}

// `npm run bench -- dsl-parse`: PIPE_BENCH_DSL_ROUNDS (default 5) fresh processes, each printing one round.
export async function dslParseBench(): Promise<void> {
  const rounds = Number(process.env.PIPE_BENCH_DSL_ROUNDS ?? 5);
  const loadBefore = loadavg()[0] ?? 0;
  const results: Round[] = [];
  for (let i = 0; i < rounds; i++) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`dsl-parse round failed: ${child.stderr}`);
    results.push(JSON.parse(child.stdout) as Round);
  }
  const loadAfter = loadavg()[0] ?? 0;
  const ms = (n: number): string => `${n.toFixed(0)} ms`;
  const spread = (pick: (r: Round) => number): string => {
    const values = results.map(pick).sort((a, b) => a - b);
    return `${ms(median(values))} (${values.map((v) => v.toFixed(0)).join(' ')})`;
  };
  console.log(
    `dsl-parse ${(results[0]?.lines ?? 0).toLocaleString('en-US')}-line .nf, ${rounds} fresh processes, medians (each round): ` +
      `first parse ${spread((r) => r.first.wall)} wall / ${spread((r) => r.first.cpu)} CPU (builds lexer, parser and visitor); ` +
      `later parses ${ms(median(results.map((r) => r.later.wall)))} wall / ${ms(median(results.map((r) => r.later.cpu)))} CPU; ` +
      `loading the modules before ${ms(median(results.map((r) => r.load.wall)))} wall / ${ms(median(results.map((r) => r.load.cpu)))} CPU; ` +
      `load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await round()));
