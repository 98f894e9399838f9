// The `podman run` command a DockerRequirement tool runs as, and its task script: the output dir mounted
// read-write as the container's working directory, the tmp dir likewise, inputs read-only, a clean environment
// (HOME, TMPDIR, EnvVarRequirement; PATH is the image's), no network unless NetworkAccess allows it, and the
// image's ENTRYPOINT kept. https://www.commonwl.org/v1.2/CommandLineTool.html#DockerRequirement
import { containerRunArgs as podmanRunArgs, type Mount } from '../../../../engine/container/index.js';
import { ContainerError } from '../../../../engine/container/index.js';
import { shellQuote } from '../../../../engine/workdir/shell-quote.js';
import { ToolError } from '../errors.js';
import { redirections, type ToolScript } from '../script.js';

export type { Mount } from '../../../../engine/container/index.js';

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
  try {
    return podmanRunArgs(
      {
        command: run.command,
        image: run.image,
        workdir: run.outdir,
        mounts: run.mounts,
        env: Object.entries(env),
        interactive: script.stdin !== undefined,
        network: run.network,
      },
      script.shell ? ['/bin/sh', '-c', script.words.join(' ')] : script.words,
    );
  } catch (error) {
    if (error instanceof ContainerError) throw new ToolError(error.message, { hint: error.hint });
    throw error;
  }
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
