// The `podman run` command a DockerRequirement tool runs as, and its task script: the output dir mounted
// read-write as the container's working directory, the tmp dir likewise, inputs read-only, a clean environment
// (HOME, TMPDIR, EnvVarRequirement; PATH is the image's), no network unless NetworkAccess allows it, and the
// image's ENTRYPOINT kept. https://www.commonwl.org/v1.2/CommandLineTool.html#DockerRequirement
import { shellQuote } from '../../../../engine/workdir/shell-quote.js';
import { ToolError } from '../errors.js';
import { redirections, type ToolScript } from '../script.js';

export interface Mount {
  readonly source: string; // host path
  readonly target: string; // container path
  readonly writable: boolean;
}

export interface ContainerRun {
  readonly command: string; // the container engine (`podman`)
  readonly image: string;
  readonly outdir: string; // container path of the output dir
  readonly tmpdir: string; // container path of the tmp dir
  readonly mounts: readonly Mount[]; // the output and tmp dirs first
  readonly network: boolean; // NetworkAccess
}

// The argv of `podman run` for a tool: options, image, then the tool's command line.
export function containerRunArgs(script: ToolScript, run: ContainerRun): string[] {
  const env = { HOME: run.outdir, TMPDIR: run.tmpdir, ...script.env };
  return [
    run.command,
    'run',
    '--rm',
    '--pull=never',
    ...(script.stdin === undefined ? [] : ['--interactive']),
    ...(run.network ? [] : ['--network=none']),
    `--workdir=${run.outdir}`,
    ...run.mounts.map(mountOption),
    ...Object.entries(env).map(([name, value]) => `--env=${name}=${value}`),
    run.image,
    ...(script.shell ? ['/bin/sh', '-c', script.words.join(' ')] : script.words),
  ];
}

// Renders .command.sh for a tool that runs in a container: the streams are redirected on the host, in the
// output dir, so that stdout and stderr files land there as without a container.
export function renderContainerScript(script: ToolScript, run: ContainerRun): string {
  return [
    '#!/bin/bash',
    `cd ${shellQuote(script.outdir)} || exit 1`,
    ['exec', ...containerRunArgs(script, run).map(shellQuote), ...redirections(script)].join(' '),
    '',
  ].join('\n');
}

// One `--mount` option; podman splits its value at commas, so a path with one cannot be mounted.
function mountOption(mount: Mount): string {
  for (const path of [mount.source, mount.target]) {
    if (path.includes(','))
      throw new ToolError(`Cannot mount \`${path}\` into a container: the path contains a comma`, {
        hint: 'rename the file or folder without commas',
      });
  }
  return `--mount=type=bind,source=${mount.source},destination=${mount.target}${mount.writable ? '' : ',ro=true'}`;
}
