// The container engine DockerRequirement tools run with: podman, asked whether it holds an image (and to pull it
// when it does not), once per image per process.
import { execFile } from 'node:child_process';

export type ImageStatus = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface ContainerEngine {
  readonly command: string; // the program the task script runs (`podman`)
  // Whether `image` is held locally, after pulling `pull` when it is not and `pull` is given.
  ensureImage(image: string, pull: string | undefined): Promise<ImageStatus>;
}

export interface PodmanOptions {
  readonly command?: string | undefined; // default `podman`
}

// A podman engine; every answer about an image is remembered for the life of the process.
export function createPodman(options: PodmanOptions = {}): ContainerEngine {
  const command = options.command ?? 'podman';
  const known = new Map<string, Promise<ImageStatus>>();
  const ensureImage = async (image: string, pull: string | undefined): Promise<ImageStatus> => {
    const exists = await run(command, ['image', 'exists', image]);
    if (exists.code === 0) return { ok: true };
    if (exists.code === undefined) return { ok: false, reason: exists.message };
    if (pull === undefined) return { ok: false, reason: `podman has no image ${image}` };
    const pulled = await run(command, ['pull', '--quiet', pull]);
    if (pulled.code === 0 && (pull === image || (await run(command, ['image', 'exists', image])).code === 0)) return { ok: true };
    return { ok: false, reason: `podman has no image ${image} and cannot pull ${pull}: ${pulled.message}` };
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
  readonly message: string; // the last line of its stderr, or why it did not start
}

// Runs a podman command to its end.
function run(command: string, args: readonly string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(command, args, { encoding: 'utf8', maxBuffer: 1024 * 1024 }, (error, _stdout, stderr) => {
      const lastLine = stderr.trim().split('\n').pop() ?? '';
      if (error === null) resolve({ code: 0, message: lastLine });
      else if (typeof error.code === 'number') resolve({ code: error.code, message: lastLine || `${command} ${args.join(' ')} exited ${error.code}` });
      else resolve({ code: undefined, message: error.code === 'ENOENT' ? `${command} is not installed` : error.message });
    });
  });
}
