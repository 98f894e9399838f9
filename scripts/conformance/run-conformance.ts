// `npm run conformance`: runs the CWL v1.2 conformance suite the way cwltest does (RUNNER --outdir=DIR --quiet
// TOOL [JOB] from the suite folder, two at a time), compares outputs by cwltest's rules, prints per-tag counts and
// `N passed, N failed`, writes a JSON result file, and fails below the recorded pass count (baseline.json).
// Options: -n 1,5-9 · --tags a,b · --id x,y · -j N · --timeout S · --results FILE · --record · --runner CMD
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareOutput } from './compare-output.js';
import { parseExactJson } from './exact-json.js';
import { loadTests, type ConformanceTest } from './load-tests.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const baselineFile = join(here, 'baseline.json');

interface Result {
  readonly id: string;
  readonly number: number;
  readonly tags: readonly string[];
  readonly status: 'passed' | 'failed' | 'unsupported' | 'timeout';
  readonly reason?: string | undefined;
  readonly seconds: number;
}

// Parses the command line into options.
function options(argv: readonly string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const name = arg.replace(/^-+/, '');
    if (name === 'record') out.record = true;
    else out[name] = argv[(i += 1)] ?? '';
  }
  return out;
}

// The test numbers `1,5-9` names.
function numbers(spec: string): Set<number> {
  const set = new Set<number>();
  for (const part of spec.split(',')) {
    const [a, b] = part.split('-').map(Number);
    for (let n = a as number; n <= (b ?? a) && Number.isFinite(n); n += 1) set.add(n);
  }
  return set;
}

// Runs one test with the runner and judges it.
function runTest(test: ConformanceTest, suite: string, runner: readonly string[], timeoutMs: number): Promise<Result> {
  const scratch = mkdtempSync(join(tmpdir(), 'pipe-conformance-'));
  const outdir = join(scratch, 'out');
  const args = [
    ...runner.slice(1),
    `--outdir=${outdir}`,
    '--quiet',
    test.tool,
    ...(test.job === undefined ? [] : [test.job]),
  ];
  const started = Date.now();
  return new Promise((resolvePromise) => {
    const child = spawn(runner[0] as string, args, {
      cwd: suite,
      env: {
        ...process.env,
        PIPE_STATE_DIR: join(scratch, 'state'),
        PIPE_WORK_DIR: join(scratch, 'work'),
        TMPDIR: scratch,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = (Date.now() - started) / 1000;
      const base = { id: test.id, number: test.number, tags: test.tags, seconds };
      const lastError = stderr
        .trim()
        .split('\n')
        .filter((l) => l.trim() !== '')
        .slice(-3)
        .join(' | ');
      let result: Result;
      if (signal === 'SIGKILL')
        result = { ...base, status: 'timeout', reason: `no result after ${timeoutMs / 1000} s` };
      else if (test.shouldFail)
        result =
          code !== 0
            ? { ...base, status: 'passed' }
            : { ...base, status: 'failed', reason: 'should have failed, exited 0' };
      else if (code === 33) result = { ...base, status: 'unsupported', reason: lastError };
      else if (code !== 0) result = { ...base, status: 'failed', reason: `exit ${code}: ${lastError}` };
      else {
        let actual: unknown;
        try {
          actual = parseExactJson(stdout);
        } catch {
          actual = undefined;
        }
        const problem =
          actual === undefined ? `stdout is not JSON: ${stdout.slice(0, 200)}` : compareOutput(test.output, actual);
        result = problem === undefined ? { ...base, status: 'passed' } : { ...base, status: 'failed', reason: problem };
      }
      rmSync(scratch, { recursive: true, force: true });
      resolvePromise(result);
    });
  });
}

// Runs the selected tests, `jobs` at a time, reporting each as it ends.
async function runAll(
  tests: readonly ConformanceTest[],
  suite: string,
  runner: readonly string[],
  jobs: number,
  timeoutMs: number,
): Promise<Result[]> {
  const results: Result[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tests.length) {
      const test = tests[next] as ConformanceTest;
      next += 1;
      const result = await runTest(test, suite, runner, timeoutMs);
      results.push(result);
      const mark = result.status === 'passed' ? 'ok  ' : result.status === 'unsupported' ? 'UNSP' : 'FAIL';
      process.stderr.write(
        `${mark} ${String(test.number).padStart(3)} ${test.id}${result.reason === undefined ? '' : `: ${result.reason.slice(0, 300)}`}\n`,
      );
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return results.sort((a, b) => a.number - b.number);
}

// Entry: select, run, summarize, compare with the baseline.
async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  const suite = resolve(process.env.CWL_SUITE ?? join(repo, '..', 'shared', 'cwl-v1.2'));
  if (!existsSync(join(suite, 'conformance_tests.yaml'))) {
    process.stderr.write(
      `conformance: no conformance_tests.yaml in ${suite}; set CWL_SUITE to the cwl-v1.2 suite folder\n`,
    );
    return 2;
  }
  let tests = loadTests(suite);
  const total = tests.length;
  if (typeof opts.n === 'string') {
    const wanted = numbers(opts.n);
    tests = tests.filter((t) => wanted.has(t.number));
  }
  if (typeof opts.tags === 'string') {
    const wanted = new Set(opts.tags.split(','));
    tests = tests.filter((t) => t.tags.some((tag) => wanted.has(tag)));
  }
  if (typeof opts.id === 'string') {
    const wanted = new Set(opts.id.split(','));
    tests = tests.filter((t) => wanted.has(t.id));
  }
  const runner =
    typeof opts.runner === 'string' ? opts.runner.split(' ') : [join(repo, 'dist', 'bundle', 'cwl-runner.cjs')];
  const jobs = typeof opts.j === 'string' ? Number(opts.j) : 2;
  const timeoutMs = (typeof opts.timeout === 'string' ? Number(opts.timeout) : 120) * 1000;
  const results = await runAll(tests, suite, runner, jobs, timeoutMs);
  const tags = new Map<string, { passed: number; total: number }>();
  for (const result of results) {
    for (const tag of result.tags) {
      const entry = tags.get(tag) ?? { passed: 0, total: 0 };
      entry.total += 1;
      if (result.status === 'passed') entry.passed += 1;
      tags.set(tag, entry);
    }
  }
  for (const [tag, { passed, total: count }] of [...tags].sort())
    process.stdout.write(`${tag.padEnd(28)} ${passed}/${count}\n`);
  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.length - passed;
  const required = tags.get('required') ?? { passed: 0, total: 0 };
  const resultsFile =
    typeof opts.results === 'string' ? resolve(opts.results) : join(tmpdir(), 'pipe-conformance-results.json');
  writeFileSync(resultsFile, `${JSON.stringify({ suite, total, passed, failed, required, results }, null, 2)}\n`);
  process.stdout.write(`results: ${resultsFile}\n${passed} passed, ${failed} failed\n`);
  const complete = results.length === total;
  const baseline = existsSync(baselineFile)
    ? (JSON.parse(readFileSync(baselineFile, 'utf8')) as { passed: number; required: number })
    : { passed: 0, required: 0 };
  if (opts.record === true) {
    if (!complete) {
      process.stderr.write('conformance: --record needs the whole suite (no -n/--tags/--id)\n');
      return 2;
    }
    if (passed >= baseline.passed)
      writeFileSync(baselineFile, `${JSON.stringify({ passed, required: required.passed }, null, 2)}\n`);
  }
  if (complete && (passed < baseline.passed || required.passed < baseline.required)) {
    process.stderr.write(
      `conformance: ${passed} passed (${required.passed} required) is below the recorded ${baseline.passed} (${baseline.required} required)\n`,
    );
    return 1;
  }
  return 0;
}

process.exitCode = await main();
