// A task's container: the image its `container` directive names, under the rules of the engine the config enables,
// and the podman command that runs .command.sh in it with the work dir, the inputs and the pipeline's bin dir
// mounted at their own paths, as Nextflow's ContainerBuilder mounts them.
import { dirname } from 'node:path';
import { ContainerError, containerRunShell, type Mount } from '../../../../engine/container/index.js';
import { interpreterOf } from '../../../../engine/workdir/index.js';
import { shellQuote } from '../../../../engine/workdir/shell-quote.js';
import type { ContainerSettings } from '../config/container-settings.js';
import { show } from '../values/values.js';

// Where Singularity images of Bioconda packages are served; each is the BioContainers Docker image of that name.
const GALAXY_DEPOT = /^https?:\/\/depot\.galaxyproject\.org\/singularity\/(.+)$/;
// Docker's user emulation (DockerBuilder): the caller's uid, HOME and account files.
const USER_EMULATION =
  '-u $(id -u) -e "HOME=${HOME}" -v /etc/passwd:/etc/passwd:ro -v /etc/shadow:/etc/shadow:ro -v /etc/group:/etc/group:ro -v "$HOME":"$HOME"';

// The image a task runs in for a `container` directive value, or undefined when it names none.
export function containerImage(value: unknown, settings: ContainerSettings, process: string): string | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  const image = show(value).trim();
  if (image === '') return undefined;
  if (settings.engine === 'docker' || settings.engine === 'podman') return withRegistry(image, settings.registry);
  return dockerOrigin(image, settings, process);
}

// An image name with the configured registry in front, unless it names its own registry (Nextflow's rule: the
// first component holds a `.` or a `:`).
export function withRegistry(image: string, registry: string | undefined): string {
  if (registry === undefined) return image;
  const slash = image.indexOf('/');
  if (slash > 0 && /[.:]/.test(image.slice(0, slash))) return image;
  return `${registry.replace(/\/+$/, '')}/${image}`;
}

// The Docker image a Singularity/Apptainer image name stands for: `docker://name`, a plain name, or a Galaxy depot
// URL (the BioContainers image of the same name); image files and other URLs cannot be run by podman.
function dockerOrigin(image: string, settings: ContainerSettings, process: string): string {
  if (image.startsWith('docker://')) return withRegistry(image.slice('docker://'.length), settings.registry);
  const depot = GALAXY_DEPOT.exec(image);
  if (depot !== null) return `quay.io/biocontainers/${depot[1] as string}`;
  if (/^[a-z][\w+.-]*:\/\//i.test(image) || image.startsWith('/') || image.endsWith('.sif') || image.endsWith('.img'))
    throw new ContainerError(
      `process \`${process}\`: the ${settings.engine} image \`${image}\` is not a Docker image, and pipe runs containers through podman`,
      { hint: 'use the docker or podman profile (nf-core modules then name Docker images), or a docker:// image' },
    );
  return withRegistry(image, settings.registry);
}

export interface ContainerLaunch {
  readonly settings: ContainerSettings;
  readonly image: string;
  readonly options: readonly string[]; // the `containerOptions` directive, shell text
  readonly workDir: string;
  readonly inputs: readonly string[]; // host paths of the staged input files
  readonly binDir?: string | undefined; // the pipeline's bin/, put first on the container's PATH
  readonly env: readonly string[]; // names of the task's variables (exported by the wrapper) to pass in
  readonly script: string; // .command.sh, for its interpreter
}

// The shell command .command.run runs .command.sh with, in the container.
export function containerRunCommand(launch: ContainerLaunch): string {
  const { settings } = launch;
  const interpreter = interpreterOf(launch.script).map(shellQuote).join(' ');
  const path = launch.binDir === undefined ? '' : `export PATH=${shellQuote(launch.binDir)}:"$PATH"; `;
  const inner = `${path}exec ${interpreter} .command.sh`;
  const program =
    settings.entrypointOverride || path !== ''
      ? `${settings.entrypointOverride ? '' : '/bin/bash '}-c ${shellQuote(inner)}`
      : `${interpreter} .command.sh`;
  const env = launch.env.filter((name) => name !== 'PATH' && name !== 'NXF_TASK_WORKDIR');
  return containerRunShell(
    {
      command: 'podman',
      image: launch.image,
      workdir: launch.workDir,
      mounts: containerMounts(launch),
      env: [
        ['NXF_TASK_WORKDIR', launch.workDir],
        ...[...env, ...settings.envWhitelist].map((name): [string, undefined] => [name, undefined]),
      ],
      interactive: true,
      remove: settings.remove,
      entrypoint: settings.entrypointOverride ? '/bin/bash' : undefined,
      engineOptions: settings.engineOptions,
      options: [
        ...(settings.engine === 'docker' && settings.userEmulation ? [USER_EMULATION] : []),
        ...(settings.temp ? ['-v "$(mktemp -d)":/tmp'] : []),
        ...settings.runOptions,
        ...launch.options,
      ],
    },
    program,
  );
}

// The mounts of a task: for each top-level directory of the work dir, the inputs and the bin dir, the longest path
// they share (Nextflow's PathTrie); inputs read-only when the config asks, the work dir always writable.
export function containerMounts(launch: Pick<ContainerLaunch, 'workDir' | 'inputs' | 'binDir' | 'settings'>): Mount[] {
  const dirs = [...launch.inputs.map((path) => dirname(path)), launch.workDir];
  if (launch.binDir !== undefined) dirs.push(launch.binDir);
  const readOnly = launch.settings.readOnlyInputs;
  const shared = sharedPrefixes(readOnly ? dirs.filter((dir) => dir !== launch.workDir) : dirs);
  const mounts: Mount[] = shared.map((path) => ({ source: path, target: path, writable: !readOnly }));
  if (readOnly) mounts.push({ source: launch.workDir, target: launch.workDir, writable: true });
  return mounts;
}

// For each first path component among `paths`, the longest prefix (whole components) its paths share.
export function sharedPrefixes(paths: readonly string[]): string[] {
  const groups = new Map<string, string[]>();
  for (const path of paths) {
    const parts = path.split('/').filter((part) => part !== '');
    const first = parts[0] ?? '';
    const common = groups.get(first);
    if (common === undefined) groups.set(first, parts);
    else {
      let n = 0;
      while (n < common.length && n < parts.length && common[n] === parts[n]) n++;
      common.length = n;
    }
  }
  return [...groups.values()].map((parts) => `/${parts.join('/')}`);
}
