// Remote staging: 100 inputs of 10 MB fetched over scp:// from a loopback sshd by `pipe run` (a task list naming
// them), against plain `scp -r` of the same folder in the same round; then a --resume, which must transfer nothing.
// Uses the sshd of .ci/services/sshd.sh ($PIPE_TEST_SSHD), or starts one of its own on a free port.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure, median } from './measure.js';

const TARGET = 1.5; // pipe's wall time at most 1.5x plain scp -r
const FILES = Number(process.env.PIPE_BENCH_STAGING_FILES ?? 100);
const SIZE = 10 * 2 ** 20;

// The running test sshd, or one started here (stopped by the returned function).
function sshd(root: string, script: string): { dir: string; stop: () => void } {
  const given = process.env.PIPE_TEST_SSHD;
  const status = (dir: string): boolean =>
    spawnSync(script, ['status'], { env: { ...process.env, SSHD_DIR: dir }, stdio: 'ignore' }).status === 0;
  if (given !== undefined && status(given)) return { dir: given, stop: () => undefined };
  const dir = join(root, 'sshd');
  const env = { ...process.env, SSHD_DIR: dir, SSHD_PORT: String(20_000 + Math.floor(Math.random() * 20_000)) };
  const started = spawnSync(script, ['start'], { env, encoding: 'utf8' });
  if (started.status !== 0) throw new Error(`sshd.sh start failed: ${started.stderr}`);
  return { dir, stop: () => void spawnSync(script, ['stop'], { env, stdio: 'ignore' }) };
}

// Runs the benchmark; `root` is the repository, `pipeBin` the built CLI.
export async function stagingBench(root: string, pipeBin: string): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'pipe-bench-staging-'));
  const server = sshd(work, join(root, '.ci', 'services', 'sshd.sh'));
  try {
    const home = join(work, 'home');
    mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
    copyFileSync(join(server.dir, 'ssh_config'), join(home, '.ssh', 'config'));
    const remote = join(work, 'remote');
    mkdirSync(remote);
    const names = Array.from({ length: FILES }, (_, i) => `in-${String(i).padStart(3, '0')}.bin`);
    for (const name of names) writeFileSync(join(remote, name), randomBytes(SIZE));
    const list = [
      'tasks:',
      '  - id: use',
      '    inputs:',
      ...names.map((n) => `      - scp://pipe-sshd${remote}/${n}`),
      '    command: ls | wc -l',
    ].join('\n');
    const env = { ...process.env, HOME: home, SSH_AUTH_SOCK: '' };
    const rounds = Number(process.env.PIPE_BENCH_STAGING_ROUNDS ?? 3);
    const scp: number[] = [];
    const ours: number[] = [];
    const resumes: number[] = [];
    let resumedTransfers = 0;
    for (let round = 0; round < rounds; round++) {
      const dest = join(work, `scp-${round}`);
      const floor = await measure(
        'scp',
        ['-q', '-r', '-F', join(home, '.ssh', 'config'), `pipe-sshd:${remote}`, dest],
        {
          env,
        },
      );
      if (floor.exitCode !== 0) throw new Error(`scp -r exited ${floor.exitCode}`);
      rmSync(dest, { recursive: true, force: true });
      const dir = join(work, `pipe-${round}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'list.yaml'), list);
      const run = await measure(pipeBin, ['run', 'list.yaml', '--quiet'], { cwd: dir, env });
      if (run.exitCode !== 0) throw new Error(`pipe run exited ${run.exitCode}`);
      const log = join(dir, 'resume.jsonl');
      const started = Date.now();
      const resumed = spawnSync(pipeBin, ['run', 'list.yaml', '--resume', '--log-format', 'json'], { cwd: dir, env });
      resumes.push(Date.now() - started);
      writeFileSync(log, resumed.stderr);
      resumedTransfers += readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => l.includes('"stage.progress"') && l.includes('"state":"started"')).length;
      rmSync(dir, { recursive: true, force: true });
      scp.push(floor.ms);
      ours.push(run.ms);
    }
    const ratios = ours.map((ms, i) => ms / (scp[i] as number));
    const s = (values: number[]): string => `${(median(values) / 1000).toFixed(2)} s`;
    const ratio = median(ratios);
    console.log(
      `staging ${FILES} x 10 MB over scp:// from loopback (median of ${rounds} rounds): scp -r ${s(scp)} · pipe run ${s(ours)} · ` +
        `ratio ${ratio.toFixed(2)}x (target ≤ ${TARGET}x; rounds: ${ratios.map((r) => r.toFixed(2)).join(' ')}) ${ratio <= TARGET ? 'met' : 'NOT met'}; ` +
        `--resume ${s(resumes)}, transfers started on resume: ${resumedTransfers}`,
    );
  } finally {
    server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
