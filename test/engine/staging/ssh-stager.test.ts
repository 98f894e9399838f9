import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StagingError } from '../../../engine/staging/errors.js';
import { createSshStager } from '../../../engine/staging/ssh/ssh-stager.js';
import { testSshd } from '../../helpers/sshd.js';
import { describeStagerConformance } from './conformance.js';

const sshd = testSshd();
const never = (): AbortSignal => new AbortController().signal;

describe.runIf(sshd !== undefined)('ssh stager against the loopback sshd', () => {
  const fx = sshd!;
  for (const scheme of ['scp', 'sftp']) {
    describeStagerConformance(scheme, async () => {
      const root = mkdtempSync(join(tmpdir(), `pipe-${scheme}-remote-`));
      return {
        stager: createSshStager({ homeDir: fx.home, env: {} }),
        root: new URL(`${scheme}://pipe-sshd${root}`),
        cleanup: async () => rmSync(root, { recursive: true, force: true }),
      };
    });
  }

  // A home whose ~/.ssh has `config` lines for the test server, and known_hosts and a key given as files.
  const home = (config: string, knownHosts?: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'pipe-ssh-home-'));
    const ssh = join(dir, '.ssh');
    mkdirSync(ssh, { mode: 0o700 });
    writeFileSync(join(ssh, 'config'), config);
    if (knownHosts !== undefined) writeFileSync(join(ssh, 'known_hosts'), knownHosts);
    return dir;
  };

  it('uses the port, user and key of a host alias and reads the default known_hosts', async () => {
    const dir = home(`Host tst\n  HostName 127.0.0.1\n  Port ${fx.port}\n  User ${fx.user}\n`);
    copyFileSync(join(fx.dir, 'id_ed25519'), join(dir, '.ssh', 'id_ed25519'));
    copyFileSync(join(fx.dir, 'known_hosts'), join(dir, '.ssh', 'known_hosts'));
    const stager = createSshStager({ homeDir: dir, env: {} });
    const entry = await stager.stat(new URL('sftp://tst/etc/hostname'), never());
    expect(entry.type).toBe('file');
    await stager.close();
  });

  it('refuses a server whose key is not in known_hosts, naming the URI', async () => {
    const dir = home(`Host tst\n  HostName 127.0.0.1\n  Port ${fx.port}\n  IdentityFile ${fx.dir}/id_ed25519\n`, '');
    const stager = createSshStager({ homeDir: dir, env: {} });
    const error = (await stager
      .stat(new URL('scp://tst/etc/hostname'), never())
      .catch((e: unknown) => e)) as StagingError;
    expect(error.reason).toBe('host-key');
    expect(error.message).toBe(`scp://tst/etc/hostname: [127.0.0.1]:${fx.port} is not in known_hosts`);
    await stager.close();
  });

  it('refuses a server whose key differs from the one known_hosts lists', async () => {
    const other = 'AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
    const dir = home(
      `Host tst\n  HostName 127.0.0.1\n  Port ${fx.port}\n  IdentityFile ${fx.dir}/id_ed25519\n`,
      `[127.0.0.1]:${fx.port} ssh-ed25519 ${other}\n`,
    );
    const stager = createSshStager({ homeDir: dir, env: {} });
    const error = (await stager
      .stat(new URL('scp://tst/etc/hostname'), never())
      .catch((e: unknown) => e)) as StagingError;
    expect(error.message).toMatch(/does not match known_hosts/);
    await stager.close();
  });

  it('reports refused authentication with a hint about keys and the agent', async () => {
    const dir = home(
      `Host tst\n  HostName 127.0.0.1\n  Port ${fx.port}\n  User ${fx.user}\n  UserKnownHostsFile ${fx.dir}/known_hosts\n`,
    );
    const stager = createSshStager({ homeDir: dir, env: {} });
    const error = (await stager
      .stat(new URL('sftp://tst/etc/hostname'), never())
      .catch((e: unknown) => e)) as StagingError;
    expect(error).toBeInstanceOf(StagingError);
    expect(error.reason).toBe('auth');
    expect(error.hint).toMatch(/ssh-agent/);
    await stager.close();
  });

  it('names an unknown host', async () => {
    const stager = createSshStager({ homeDir: home(''), env: {} });
    const error = (await stager
      .stat(new URL('sftp://no-such-host.invalid/x'), never())
      .catch((e: unknown) => e)) as StagingError;
    expect(error.reason).toBe('unknown-host');
    expect(error.message).toBe('sftp://no-such-host.invalid/x: unknown host "no-such-host.invalid"');
    await stager.close();
  });
});
