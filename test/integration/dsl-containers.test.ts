// .nf processes in podman containers: the docker and podman config scopes, -with-podman IMAGE, docker.registry,
// containerOptions, a container ignored without an engine, and an image that cannot be pulled. The image is made
// for these tests from the Debian image .ci/services/images.sh builds, with a file no host has; skipped without it
// unless PIPE_REQUIRE_SERVICES=1.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';
import { podmanImageRuns, requireService } from '../helpers/services.js';

const pipeline = resolve(import.meta.dirname, '..', '..', 'fixtures', 'dsl', 'containers', 'main.nf');
const BASE = 'docker.io/library/debian:stable-slim';
const available = requireService('podman with ' + BASE, podmanImageRuns(BASE), '.ci/services/images.sh start');
const tag = `t${process.pid}-${Date.now().toString(36)}`;
const image = `localhost/pipe-nf-probe:${tag}`;

// The key=value lines a task wrote, published into `dir`.
function published(dir: string, name: string): Record<string, string> {
  const text = readFileSync(join(dir, 'results', name), 'utf8');
  return Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe.runIf(available)('pipe run on a .nf pipeline whose processes name containers', () => {
  beforeAll(() => {
    const context = scratchDir({
      marker: 'inside the image',
      Containerfile: `FROM ${BASE}\nCOPY marker /opt/pipe-marker\n`,
    });
    const built = spawnSync('podman', ['build', '--quiet', '--tag', image, context], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`podman build failed: ${built.stderr}`);
  }, 120_000);
  afterAll(() => {
    spawnSync('podman', ['rmi', '--force', image], { stdio: 'ignore' });
  });

  it('runs a process in its container under docker.enabled (through podman), with the work dir, inputs, bin/ and env, and others on the host', async () => {
    const dir = scratchDir();
    const result = await runPipe(['run', pipeline, '-profile', 'docker', '--image', image], dir);
    expect(result.stderr).toContain('2 succeeded');
    expect(result.code).toBe(0);
    expect(published(dir, 'one.probe')).toEqual({
      marker: 'inside the image',
      data: 'data from the host',
      helper: 'helper on PATH',
      env: 'set by the config',
      option: 'unset',
      in_workdir: 'yes',
    });
    expect(published(dir, 'host.txt')).toEqual({ marker: 'none' });
  });

  it('runs processes that name no container in the -with-podman image, with containerOptions', async () => {
    const dir = scratchDir();
    const options = ['--container_options', '--env FROM_OPTIONS=given'];
    const result = await runPipe(['run', pipeline, '-with-podman', image, '--image', image, ...options], dir);
    expect(result.code).toBe(0);
    expect(published(dir, 'host.txt')).toEqual({ marker: 'inside the image' });
    expect(published(dir, 'one.probe')).toMatchObject({ marker: 'inside the image', option: 'given' });
  });

  it('puts docker.registry in front of image names that name no registry', async () => {
    const dir = scratchDir();
    const result = await runPipe(['run', pipeline, '-profile', 'registry', '--image', `pipe-nf-probe:${tag}`], dir);
    expect(result.code).toBe(0);
    expect(published(dir, 'one.probe')).toMatchObject({ marker: 'inside the image' });
  });

  it('ignores the container directive when no container engine is enabled, as Nextflow does', async () => {
    const dir = scratchDir();
    const result = await runPipe(['run', pipeline, '--image', image], dir);
    expect(result.code).toBe(0);
    expect(published(dir, 'one.probe')).toMatchObject({ marker: 'none', data: 'data from the host' });
    writeFileSync(join(dir, 'off.config'), 'docker.enabled = true\n');
    const off = await runPipe(['run', pipeline, '-c', 'off.config', '-without-docker', '--image', image], dir);
    expect(off.code).toBe(0);
    expect(published(dir, 'one.probe')).toMatchObject({ marker: 'none' });
  });

  it('fails with one line naming an image podman neither holds nor can pull', async () => {
    const dir = scratchDir();
    const missing = `localhost/pipe-no-such-image:${tag}`;
    const result = await runPipe(['run', pipeline, '-profile', 'podman', '--image', missing], dir);
    expect(result.code).toBe(1);
    const error = result.stderr.split('\n').find((line) => line.startsWith('pipe: error:'));
    expect(error).toContain('process `PROBE` cannot run in its container');
    expect(error).toContain(`podman has no image ${missing} and cannot pull ${missing}`);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
