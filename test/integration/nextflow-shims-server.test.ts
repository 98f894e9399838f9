// `pipe shims DIR --server URL`: the shims hand Nextflow's jobs to a standing `pipe server` and its agents instead of
// starting their own, and track them by polling that server.
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExecutorLoop } from '../../bench/nextflow/executor-loop.js';
import { FLAVOURS } from '../../bench/nextflow/flavours.js';
import { runPipe, scratchDir, startPipe, waitFor } from '../helpers/cli.js';

let dir: string;
let bin: string;
let env: NodeJS.ProcessEnv;
let url: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dir = scratchDir();
  const server = startPipe(['server', '--port', '0', '--heartbeat', '0.5'], dir);
  children.push(server.child);
  let stderr = '';
  server.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await waitFor(() => /listening on (\S+)/.test(stderr));
  url = /listening on (\S+)/.exec(stderr)![1]!;
  const tokenFile = join(dir, '.pipe', 'pilot', 'token');
  children.push(startPipe(['agent', '--server', url, '--token-file', tokenFile, '-j', '2'], dir).child);
  const written = await runPipe(
    ['shims', 'bin', '--server', url, '--token-file', tokenFile, '--idle-timeout', '20s'],
    dir,
  );
  expect(written.code).toBe(0);
  bin = join(dir, 'bin');
  env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
});

afterAll(() => {
  const pidFile = join(bin, '.state', 'gateway.pid');
  if (existsSync(pidFile)) process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
  children.forEach((c) => c.kill('SIGTERM'));
});

describe('pipe shims --server', () => {
  it('runs Nextflow jobs on the standing server: exit statuses, and a cancel that writes .exitcode 143', async () => {
    const nf = startExecutorLoop({
      flavour: FLAVOURS.slurm,
      env,
      user: userInfo().username,
      pollIntervalMs: 200,
      queueStatIntervalMs: 200,
      exitReadTimeoutMs: 5_000,
    });
    const ok = nf.submit({ name: 'ok', workDir: join(dir, 'w-ok'), script: 'echo ok' });
    const bad = nf.submit({ name: 'bad', workDir: join(dir, 'w-bad'), script: 'exit 3' });
    const sleeper = nf.submit({ name: 'sleeper', workDir: join(dir, 'w-sleep'), script: 'sleep 60' });
    await Promise.all([ok.done, bad.done]);
    await waitFor(() => existsSync(join(dir, 'w-sleep', '.command.begin')), 20_000);
    expect((await nf.kill(sleeper)).code).toBe(0);
    await waitFor(() => existsSync(join(dir, 'w-sleep', '.exitcode')), 5_000);
    await sleeper.done;
    nf.stop();
    expect(ok.queueStatuses.has('RUNNING') || ok.queueStatuses.has('PENDING')).toBe(true);
    expect([ok.exitStatus, bad.exitStatus, sleeper.exitStatus]).toEqual([0, 3, 143]);
    const listed = await runPipe(['tasks', '--server', url], dir);
    expect(listed.stdout).toMatch(/cancelled 1/);
    expect(listed.stdout).toContain('nf-sleeper');
  }, 60_000);
});
