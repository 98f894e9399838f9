// `pipe inspect PIPELINE.nf`: the container of every process, resolved from the config and the directives without
// running a task, as `nextflow inspect` prints it (JSON, or config lines that pin each one); `-concretize` makes
// podman hold every image.
import { resolve } from 'node:path';
import { ContainerError, createPodman } from '../../engine/container/index.js';
import { UsageError } from '../../engine/errors.js';
import type { ProcessContainer } from '../../engine/graph.js';
import { parse } from '../../parsers/index.js';
import { STDERR_CONSOLE } from '../cli/script-console.js';
import { stderrLine } from '../cli/stderr-line.js';

export interface InspectCommandOptions {
  readonly format?: string | undefined;
  readonly concretize?: boolean | undefined;
  readonly ignoreErrors?: boolean | undefined;
  readonly config?: readonly string[] | undefined;
  readonly profile?: string | undefined;
  readonly paramsFile?: string | undefined;
}

// Prints the containers; resolves to the exit code.
export async function inspectCommand(
  file: string,
  params: readonly string[],
  options: InspectCommandOptions,
): Promise<number> {
  const format = options.format ?? 'json';
  if (format !== 'json' && format !== 'config') {
    throw new UsageError(`expected -format to be json or config, got "${format}"`, {
      hint: 'json lists {name, container} per process; config prints `process { withName: … }` lines',
    });
  }
  if (!file.endsWith('.nf')) {
    throw new UsageError(`\`${file}\` is not a .nf pipeline`, {
      hint: 'pipe inspect lists the containers of .nf processes',
    });
  }
  const launchDir = process.cwd();
  const workflow = await parse(resolve(launchDir, file), {
    args: params,
    launchDir,
    profiles: options.profile
      ?.split(',')
      .map((p) => p.trim())
      .filter((p) => p !== ''),
    configFiles: options.config?.map((c) => resolve(launchDir, c)),
    paramsFile: options.paramsFile === undefined ? undefined : resolve(launchDir, options.paramsFile),
    backend: 'local', // the config's executor neither matters nor is checked: nothing runs
    console: STDERR_CONSOLE,
  });
  const warn = (message: string): void => stderrLine(`pipe: warning: ${message}`);
  const containers = workflow.containers?.({ ignoreErrors: options.ignoreErrors === true, warn }) ?? [];
  if (options.concretize === true) await concretize(containers);
  process.stdout.write(format === 'json' ? containersJson(containers) : containersConfig(containers));
  return 0;
}

// Nextflow's JSON: `{"processes": [{"name", "container"}]}`, indented by four spaces as Groovy's prettyPrint.
export function containersJson(containers: readonly ProcessContainer[]): string {
  return `${JSON.stringify({ processes: containers.map(({ name, container }) => ({ name, container })) }, null, 4)}\n`;
}

// Nextflow's config format: one `withName` selector per process, ready for `-c`.
export function containersConfig(containers: readonly ProcessContainer[]): string {
  return containers
    .map(({ name, container }) => `process { withName: '${name}' { container = '${String(container)}' } }\n`)
    .join('');
}

// Has podman hold every image (pulling those it lacks); the first that cannot be had is an error naming its process.
async function concretize(containers: readonly ProcessContainer[]): Promise<void> {
  const engine = createPodman();
  for (const { name, container } of containers) {
    if (container === null) continue;
    const status = await engine.ensureImage(container, container);
    if (!status.ok) {
      throw new ContainerError(`process \`${name}\`: ${status.reason}`, {
        hint: 'check the image name, or the registry the config sets (docker.registry, podman.registry)',
      });
    }
  }
}
