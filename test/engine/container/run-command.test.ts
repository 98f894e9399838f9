import { describe, expect, it } from 'vitest';
import { containerRunArgs, containerRunShell, type ContainerRun } from '../../../engine/container/index.js';

const run: ContainerRun = {
  command: 'podman',
  image: 'docker.io/debian:stable-slim',
  workdir: '/w',
  mounts: [{ source: '/data dir', target: '/data dir', writable: false }],
  env: [
    ['GREETING', 'hello world'],
    ['FROM_HOST', undefined],
  ],
};

describe('the podman run command of a task', () => {
  it('never pulls, removes the container, mounts by --mount and passes set or inherited variables', () => {
    expect(containerRunArgs(run, ['cat', 'x'])).toEqual([
      'podman',
      'run',
      '--rm',
      '--pull=never',
      '--workdir=/w',
      '--mount=type=bind,source=/data dir,destination=/data dir,ro=true',
      '--env=GREETING=hello world',
      '--env=FROM_HOST',
      'docker.io/debian:stable-slim',
      'cat',
      'x',
    ]);
  });

  it('as shell text quotes its own words and keeps the user’s options as written, engine options after podman', () => {
    const text = containerRunShell(
      { ...run, engineOptions: ['--log-level=error'], options: ['-u $(id -u)'], remove: false },
      'bash -ue .command.sh',
    );
    expect(text).toBe(
      "podman --log-level=error run --pull=never --workdir=/w '--mount=type=bind,source=/data dir,destination=/data dir,ro=true' '--env=GREETING=hello world' --env=FROM_HOST -u $(id -u) docker.io/debian:stable-slim bash -ue .command.sh",
    );
  });

  it('refuses a path with a comma, which podman would split', () => {
    const comma = { ...run, mounts: [{ source: '/a,b', target: '/a,b', writable: true }] };
    expect(() => containerRunArgs(comma, ['true'])).toThrow('Cannot mount `/a,b` into a container');
  });
});
