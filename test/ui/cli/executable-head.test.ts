// The `pipe` executable's sh head: node starts without NODE_EXTRA_CA_CERTS (backends/pilot/protocol/extra-ca-certs.ts), the tasks
// pipe runs see the variable as it was set, and pipe's own TLS connections trust its certificates.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../../helpers/certificate.js';
import { pipeBin, runPipe, scratchDir, startPipe, waitFor } from '../../helpers/cli.js';

const DEFERRED = 'PIPE_DEFERRED_NODE_EXTRA_CA_CERTS';
const running: ChildProcess[] = [];

afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

// The environment node was started with, once the head has exec'd it (same pid).
async function nodeEnvironment(child: ChildProcess): Promise<Map<string, string>> {
  const proc = `/proc/${child.pid}`;
  await waitFor(() => {
    try {
      return readFileSync(`${proc}/cmdline`, 'utf8').split('\0')[0] === 'node';
    } catch {
      return false;
    }
  });
  const pairs = readFileSync(`${proc}/environ`, 'utf8')
    .split('\0')
    .filter((p) => p !== '');
  return new Map(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
}

// Starts `pipe ARGS` with NODE_EXTRA_CA_CERTS set (and NODE_OPTIONS as given, else unset).
function startWithExtraCerts(args: readonly string[], dir: string, nodeOptions?: string): ChildProcess {
  const { child } = startPipe(args, dir, { NODE_EXTRA_CA_CERTS: '/etc/site-ca.pem', NODE_OPTIONS: nodeOptions });
  running.push(child);
  return child;
}

describe('the pipe executable', () => {
  it('starts node without NODE_EXTRA_CA_CERTS and gives the variable back to the tasks it runs', async () => {
    const dir = scratchDir({
      'list.txt': `sleep 1\nprintenv NODE_EXTRA_CA_CERTS > seen.txt; printenv ${DEFERRED} >> seen.txt; true\n`,
    });
    const child = startWithExtraCerts(['run', '-j', '1', 'list.txt'], dir);
    const env = await nodeEnvironment(child);
    expect(env.has('NODE_EXTRA_CA_CERTS')).toBe(false);
    expect(env.get(DEFERRED)).toBe('/etc/site-ca.pem');
    await new Promise((resolve) => child.once('close', resolve));
    expect(child.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'seen.txt'), 'utf8')).toBe('/etc/site-ca.pem\n');
  });

  it('keeps NODE_EXTRA_CA_CERTS for `pipe server` and when NODE_OPTIONS is set', async () => {
    const server = await nodeEnvironment(startWithExtraCerts(['--debug', 'server', '--port', '0'], scratchDir()));
    expect(server.get('NODE_EXTRA_CA_CERTS')).toBe('/etc/site-ca.pem');
    const withOptions = await nodeEnvironment(
      startWithExtraCerts(['run', 'list.txt'], scratchDir({ 'list.txt': 'sleep 1\n' }), '--no-warnings'),
    );
    expect(withOptions.get('NODE_EXTRA_CA_CERTS')).toBe('/etc/site-ca.pem');
    expect(withOptions.has(DEFERRED)).toBe(false);
  });

  it("trusts NODE_EXTRA_CA_CERTS's certificates for the tls:// connections it makes", async () => {
    const { certFile, keyFile } = selfSignedCertificate();
    const dir = scratchDir({ 'list.txt': 'echo one\n' });
    const { child } = startPipe(['server', '--port', '0', '--tls-cert', certFile, '--tls-key', keyFile], dir);
    running.push(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await waitFor(() => /listening on (\S+)/.test(stderr));
    const url = /listening on (\S+)/.exec(stderr)?.[1] ?? '';
    expect(url).toMatch(/^tls:\/\//);

    const trusting = await runPipe(['submit', 'list.txt', '--server', url], dir, {
      NODE_EXTRA_CA_CERTS: certFile,
      NODE_OPTIONS: undefined,
    });
    expect(trusting.stderr).toBe('');
    expect(trusting.code).toBe(0);
    const untrusting = await runPipe(['submit', 'list.txt', '--server', url], dir, { NODE_EXTRA_CA_CERTS: undefined });
    expect(untrusting.code).not.toBe(0);
    expect(untrusting.stderr).toMatch(
      /^pipe: error: Cannot connect to tls:\S+: its certificate is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT: self[- ]signed certificate\)\n  hint: .*NODE_EXTRA_CA_CERTS/,
    );
  });

  it('also runs as `node pipe.cjs`, its head read as JavaScript', () => {
    const result = spawnSync(process.execPath, [pipeBin, '--version'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
