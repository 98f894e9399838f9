import { describe, expect, it } from 'vitest';
import type { ContainerRun } from '../../../../../parsers/cwl/tool/container/index.js';
import { containerRunArgs, renderContainerScript } from '../../../../../parsers/cwl/tool/container/index.js';
import type { ToolScript } from '../../../../../parsers/cwl/tool/script.js';

const script: ToolScript = {
  words: ['cat', '/w/in/0/a.txt'],
  shell: false,
  outdir: '/w/out',
  tmpdir: '/w/tmp',
  env: {},
};
const run: ContainerRun = {
  command: 'podman',
  image: 'docker.io/debian:stable-slim',
  outdir: '/var/spool/cwl',
  tmpdir: '/var/spool/cwl-tmp',
  mounts: [
    { source: '/w/out', target: '/var/spool/cwl', writable: true },
    { source: '/w/in', target: '/w/in', writable: false },
  ],
  network: false,
};

describe('the podman run command of a containerized tool', () => {
  it('works in the output dir with HOME and TMPDIR at the container paths and the EnvVarRequirement variables', () => {
    const args = containerRunArgs({ ...script, env: { GREETING: 'hello world' } }, run);
    expect(args.slice(0, 3)).toEqual(['podman', 'run', '--rm']);
    expect(args).toContain('--workdir=/var/spool/cwl');
    expect(args).toContain('--env=HOME=/var/spool/cwl');
    expect(args).toContain('--env=TMPDIR=/var/spool/cwl-tmp');
    expect(args).toContain('--env=GREETING=hello world');
    expect(args.some((arg) => arg.startsWith('--env=PATH'))).toBe(false);
  });

  it('never pulls at run time and has no network unless NetworkAccess allows it', () => {
    expect(containerRunArgs(script, run)).toEqual(expect.arrayContaining(['--pull=never', '--network=none']));
    expect(containerRunArgs(script, { ...run, network: true })).not.toContain('--network=none');
  });

  it('mounts the output dir read-write and inputs read-only', () => {
    const args = containerRunArgs(script, run);
    expect(args).toContain('--mount=type=bind,source=/w/out,destination=/var/spool/cwl');
    expect(args).toContain('--mount=type=bind,source=/w/in,destination=/w/in,ro=true');
  });

  it("puts the command line after the image, keeping the image's entrypoint, and runs shell commands with /bin/sh -c", () => {
    expect(containerRunArgs(script, run).slice(-3)).toEqual(['docker.io/debian:stable-slim', 'cat', '/w/in/0/a.txt']);
    expect(containerRunArgs({ ...script, shell: true, words: ['echo', 'a', '>', 'b'] }, run).slice(-3)).toEqual([
      '/bin/sh',
      '-c',
      'echo a > b',
    ]);
    expect(containerRunArgs(script, run).some((arg) => arg.startsWith('--entrypoint'))).toBe(false);
  });

  it('attaches stdin only when the tool reads it, and redirects the streams on the host in the output dir', () => {
    expect(containerRunArgs(script, run)).not.toContain('--interactive');
    const text = renderContainerScript(
      { ...script, stdin: '/w/in/0/a.txt', stdout: 'out.txt', stderr: 'err.txt' },
      run,
    );
    const lines = text.split('\n');
    expect(lines[1]).toBe('cd /w/out || exit 1');
    expect(lines[2]).toMatch(/^exec podman run --rm --pull=never --interactive /);
    expect(lines[2]).toMatch(/ cat \/w\/in\/0\/a\.txt <\/w\/in\/0\/a\.txt >out\.txt 2>err\.txt$/);
  });

  it('refuses to mount a path with a comma, naming it', () => {
    expect(() =>
      containerRunArgs(script, { ...run, mounts: [{ source: '/data/a,b', target: '/data/a,b', writable: false }] }),
    ).toThrow(/`\/data\/a,b`.*comma/);
  });
});
