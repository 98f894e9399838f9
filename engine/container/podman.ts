// The container engine tasks run with (CWL DockerRequirement tools, DSL processes with a `container`): podman,
// asked for the id of an image it holds (pulling it when it does not), once per image per process. The id goes into
// the task's cache key: a task whose image has changed since it ran runs again on --resume.
import { execFile } from 'node:child_process';

export type ImageStatus = { readonly ok: true; readonly id: string } | { readonly ok: false; readonly reason: string };

export interface ContainerEngine {
  readonly command: string; // the program the task script runs (`podman`)
  // The id of `image` when it is held locally, after pulling `pull` when it is not and `pull` is given.
  ensureImage(image: string, pull: string | undefined): Promise<ImageStatus>;
}

export interface PodmanOptions {
  readonly command?: string | undefined; // default `podman`
}

// A podman engine; every answer about an image is remembered for the life of the process.
export function createPodman(options: PodmanOptions = {}): ContainerEngine {
  const command = options.command ?? 'podman';
  const known = new Map<string, Promise<ImageStatus>>();
  const inspect = (image: string): Promise<Ran> => run(command, ['image', 'inspect', '--format={{.Id}}', image]);
  const ensureImage = async (image: string, pull: string | undefined): Promise<ImageStatus> => {
    const held = await inspect(image);
    if (held.code === 0) return { ok: true, id: held.stdout };
    if (held.code === undefined) return { ok: false, reason: held.message };
    if (pull === undefined) return { ok: false, reason: `podman has no image ${image}` };
    const pulled = await run(command, ['pull', '--quiet', pull]);
    const after = pulled.code === 0 ? await inspect(image) : undefined;
    if (after?.code === 0) return { ok: true, id: after.stdout };
    return {
      ok: false,
      reason: `podman has no image ${image} and cannot pull ${pull}: ${pulled.code === 0 ? after?.message : pulled.message}`,
    };
  };
  return {
    command,
    ensureImage(image, pull) {
      const key = `${image}\0${pull ?? ''}`;
      let status = known.get(key);
      if (status === undefined) {
        status = ensureImage(image, pull);
        known.set(key, status);
      }
      return status;
    },
  };
}

interface Ran {
  readonly code: number | undefined; // undefined: the program could not be started
  readonly stdout: string; // trimmed
  readonly message: string; // the last line of its stderr, or why it did not start
}

// Runs a podman command to its end.
function run(command: string, args: readonly string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(command, args, { encoding: 'utf8', maxBuffer: 1024 * 1024 }, (error, out, stderr) => {
      const lastLine = stderr.trim().split('\n').pop() ?? '';
      const stdout = out.trim();
      if (error === null) resolve({ code: 0, stdout, message: lastLine });
      else if (typeof error.code === 'number')
        resolve({ code: error.code, stdout, message: lastLine || `${command} ${args.join(' ')} exited ${error.code}` });
      else
        resolve({
          code: undefined,
          stdout,
          message: error.code === 'ENOENT' ? `${command} is not installed` : error.message,
        });
    });
  });
}
