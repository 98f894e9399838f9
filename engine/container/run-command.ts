// The `podman run` command a task's program runs in, for every workflow format: mounts by --mount, the environment
// by --env, the working directory, and the program after the image (the image's ENTRYPOINT is kept unless one is
// named). Options a user writes as shell text (Nextflow's `docker.runOptions`, `containerOptions`) stay unquoted
// so that `-u $(id -u):$(id -g)` is expanded by the shell that runs the command.
import { shellQuote } from '../workdir/shell-quote.js';
import { ContainerError } from './container-error.js';

export interface Mount {
  readonly source: string; // host path
  readonly target: string; // container path
  readonly writable: boolean;
}

export interface ContainerRun {
  readonly command: string; // the container engine (`podman`)
  readonly image: string;
  readonly workdir: string; // the container's working directory
  readonly mounts: readonly Mount[];
  // Variables to set: a value, or undefined to pass the caller's value of that name (when it has one).
  readonly env: ReadonlyArray<readonly [string, string | undefined]>;
  readonly interactive?: boolean | undefined; // keep stdin attached
  readonly remove?: boolean | undefined; // remove the container when it ends (default)
  readonly network?: boolean | undefined; // false: no network at all (default: the engine's)
  readonly entrypoint?: string | undefined;
  readonly engineOptions?: readonly string[] | undefined; // shell text between `podman` and `run`
  readonly options?: readonly string[] | undefined; // shell text before the image, last so it wins
}

// The argv of `podman run`: options, image, then `program`. Shell-text options are refused here (argv has no shell).
export function containerRunArgs(run: ContainerRun, program: readonly string[]): string[] {
  if ((run.options?.length ?? 0) > 0 || (run.engineOptions?.length ?? 0) > 0)
    throw new RangeError('containerRunArgs: shell-text options need containerRunShell');
  return [...head(run), run.image, ...program];
}

// The `podman run` command as shell text: words quoted, user options as written, then `program` (shell text too).
export function containerRunShell(run: ContainerRun, program: string): string {
  const [command, ...rest] = head(run).map(shellQuote);
  return [command, ...(run.engineOptions ?? []), ...rest, ...(run.options ?? []), shellQuote(run.image), program].join(
    ' ',
  );
}

// `podman`, `run` and the options pipe sets, before the image.
function head(run: ContainerRun): string[] {
  return [
    run.command,
    'run',
    ...(run.remove === false ? [] : ['--rm']),
    '--pull=never',
    ...(run.interactive === true ? ['--interactive'] : []),
    ...(run.network === false ? ['--network=none'] : []),
    `--workdir=${run.workdir}`,
    ...run.mounts.map(mountOption),
    ...run.env.flatMap(([name, value]) => (value === undefined ? [`--env=${name}`] : [`--env=${name}=${value}`])),
    ...(run.entrypoint === undefined ? [] : [`--entrypoint=${run.entrypoint}`]),
  ];
}

// One `--mount` option; podman splits its value at commas, so a path with one cannot be mounted.
function mountOption(mount: Mount): string {
  for (const path of [mount.source, mount.target]) {
    if (path.includes(','))
      throw new ContainerError(`Cannot mount \`${path}\` into a container: the path contains a comma`, {
        hint: 'rename the file or folder without commas',
      });
  }
  return `--mount=type=bind,source=${mount.source},destination=${mount.target}${mount.writable ? '' : ',ro=true'}`;
}
