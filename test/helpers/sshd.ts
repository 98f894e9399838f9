// The loopback sshd of .ci/services/sshd.sh, and a home directory whose ~/.ssh reaches it as `pipe-sshd`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { requireService } from './services.js';

export interface SshdFixture {
  readonly dir: string; // the service's directory (keys, known_hosts, ssh_config)
  readonly port: number;
  readonly user: string;
  readonly home: string; // a fresh HOME whose .ssh/config names the server `pipe-sshd`
}

const SCRIPT = resolve(import.meta.dirname, '..', '..', '.ci', 'services', 'sshd.sh');

// The running test sshd ($PIPE_TEST_SSHD, else the script's default dir), or undefined; fails under
// PIPE_REQUIRE_SERVICES=1 when there is none.
export function testSshd(): SshdFixture | undefined {
  const dir = process.env.PIPE_TEST_SSHD ?? '/tmp/pipe-sshd';
  const up =
    existsSync(join(dir, 'port')) &&
    spawnSync(SCRIPT, ['status'], { env: { ...process.env, SSHD_DIR: dir }, stdio: 'ignore' }).status === 0;
  if (!requireService('sshd', up, '.ci/services/sshd.sh start')) return undefined;
  const home = mkdtempSync(join(tmpdir(), 'pipe-ssh-home-'));
  mkdirSync(join(home, '.ssh'), { mode: 0o700 });
  copyFileSync(join(dir, 'ssh_config'), join(home, '.ssh', 'config'));
  return {
    dir,
    port: Number(readFileSync(join(dir, 'port'), 'utf8').trim()),
    user: readFileSync(join(dir, 'user'), 'utf8').trim(),
    home,
  };
}
