// `npm run nextflow-tests`: runs Nextflow's own integration suite (tests/ of nextflow-io/nextflow) against pipe the
// way Nextflow's CI does (`NXF_CMD=<pipe> TEST_JDK=17 bash run.sh`, one script at a time, in a copy of the suite),
// prints each script's result and `N passed, N failed`, writes a JSON result file, and fails below the pass count
// recorded in baseline.json.
// Options: --only a.nf,b.nf · -j N · --timeout S (per pipe invocation) · --results FILE · --record · --cmd PATH
import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const baselineFile = join(here, 'baseline.json');

interface Result {
  readonly name: string;
  readonly status: 'passed' | 'failed' | 'timeout';
  readonly reason?: string | undefined;
  readonly seconds: number;
}

// Parses the command line into options.
function options(argv: readonly string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const name = (argv[i] as string).replace(/^-+/, '');
    if (name === 'record') out.record = true;
    else out[name] = argv[(i += 1)] ?? '';
  }
  return out;
}

// The scripts run.sh runs without Docker on JDK 17 with the default (v2) parser: tests/*.nf minus the ignore lists.
function runnableScripts(tests: string): string[] {
  const checks = join(tests, 'checks');
  const ignored = ['.IGNORE', '.IGNORE-DOCKER', '.IGNORE-JAVA-17']
    .filter((f) => existsSync(join(checks, f)))
    .map((f) => readFileSync(join(checks, f), 'utf8'));
  // run.sh skips a script when any ignore list contains its name (grep -c NAME)
  return readdirSync(tests)
    .filter((f) => f.endsWith('.nf'))
    .filter((f) => !ignored.some((text) => text.includes(f)))
    .sort();
}

// A copy of the suite to run in (run.sh works inside checks/), with a pipe wrapper that bounds each invocation.
function workspace(tests: string, cmd: string, timeoutSeconds: number): { root: string; nxfCmd: string } {
  const root = mkdtempSync(join(tmpdir(), 'pipe-nextflow-tests-'));
  cpSync(tests, join(root, 'tests'), { recursive: true });
  const nxfCmd = join(root, 'nextflow');
  writeFileSync(nxfCmd, `#!/bin/sh\nexec timeout -k 5 ${timeoutSeconds} ${cmd} "$@"\n`);
  chmodSync(nxfCmd, 0o755);
  return { root, nxfCmd };
}

// The last lines of a failed script's output (checks.out, then stderr): the check that failed and pipe's error.
function failureReason(checks: string, name: string, stderr: string): string {
  const out = join(checks, name, 'checks.out');
  const text = `${existsSync(out) ? readFileSync(out, 'utf8') : ''}\n${stderr}`;
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('++'))
    .slice(-4)
    .join(' | ')
    .slice(0, 600);
}

// Runs `bash run.sh ../NAME` in a workspace; a whole script gets at most `limitMs`.
function runOne(space: { root: string; nxfCmd: string }, name: string, limitMs: number): Promise<Result> {
  const checks = join(space.root, 'tests', 'checks');
  const started = Date.now();
  return new Promise((resolvePromise) => {
    const child = spawn('bash', ['run.sh', `../${name}`], {
      cwd: checks,
      detached: true,
      env: { ...process.env, NXF_CMD: space.nxfCmd, TEST_JDK: '17', TERM: 'xterm' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // a script without .checks sends pipe's stderr here; run.sh's own lines are left out
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = (Date.now() - started) / 1000;
      if (timedOut) resolvePromise({ name, status: 'timeout', reason: `no result after ${limitMs / 1000} s`, seconds });
      else if (code === 0) resolvePromise({ name, status: 'passed', seconds });
      else resolvePromise({ name, status: 'failed', reason: failureReason(checks, name, stderr), seconds });
    });
  });
}

// Runs the scripts, `jobs` at a time (each worker in its own copy of the suite), reporting each as it ends.
async function runAll(tests: string, names: readonly string[], cmd: string, jobs: number, timeout: number) {
  const results: Result[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    const space = workspace(tests, cmd, timeout);
    try {
      while (next < names.length) {
        const name = names[next] as string;
        next += 1;
        const result = await runOne(space, name, timeout * 4000);
        results.push(result);
        const mark = result.status === 'passed' ? 'ok  ' : 'FAIL';
        process.stderr.write(`${mark} ${name}${result.reason === undefined ? '' : `: ${result.reason}`}\n`);
      }
    } finally {
      rmSync(space.root, { recursive: true, force: true });
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return results.sort((a, b) => a.name.localeCompare(b.name));
}

// Entry: select, run, summarize, compare with the baseline.
async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  const suite = resolve(process.env.NEXTFLOW_TESTS ?? join(repo, '..', 'shared', 'nextflow-tests'));
  const tests = join(suite, 'tests');
  if (!existsSync(join(tests, 'checks', 'run.sh'))) {
    process.stderr.write(
      `nextflow-tests: no tests/checks/run.sh in ${suite}; set NEXTFLOW_TESTS to the suite folder\n`,
    );
    return 2;
  }
  const all = runnableScripts(tests);
  const only = typeof opts.only === 'string' ? new Set(opts.only.split(',')) : undefined;
  const names = only === undefined ? all : all.filter((n) => only.has(n));
  const cmd = typeof opts.cmd === 'string' ? opts.cmd : join(repo, 'dist', 'bundle', 'pipe.cjs');
  const jobs = typeof opts.j === 'string' ? Number(opts.j) : 2;
  const timeout = typeof opts.timeout === 'string' ? Number(opts.timeout) : 60;
  const results = await runAll(tests, names, cmd, jobs, timeout);
  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.length - passed;
  const resultsFile =
    typeof opts.results === 'string' ? resolve(opts.results) : join(tmpdir(), 'pipe-nextflow-tests-results.json');
  writeFileSync(resultsFile, `${JSON.stringify({ suite, total: all.length, passed, failed, results }, null, 2)}\n`);
  process.stdout.write(`results: ${resultsFile}\n${passed} passed, ${failed} failed\n`);
  const complete = results.length === all.length;
  const baseline = existsSync(baselineFile)
    ? (JSON.parse(readFileSync(baselineFile, 'utf8')) as { passed: number })
    : { passed: 0 };
  if (opts.record === true) {
    if (!complete) {
      process.stderr.write('nextflow-tests: --record needs the whole suite (no --only)\n');
      return 2;
    }
    if (passed >= baseline.passed) writeFileSync(baselineFile, `${JSON.stringify({ passed }, null, 2)}\n`);
  }
  if (complete && passed < baseline.passed) {
    process.stderr.write(`nextflow-tests: ${passed} passed is below the recorded ${baseline.passed}\n`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
