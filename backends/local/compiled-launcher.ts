// Where the compiled launcher is (launcher.c, built by scripts/build-launcher.ts into dist/bundle/pipe-launch):
// beside the bundle, or found from tsc's output or the sources. Undefined when it was not built (no C compiler at
// install) or PIPE_LAUNCHER=bash asks for the bash launcher: the local backend then starts bash launchers.
import { accessSync, constants } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | null | undefined;

function locate(): string | null {
  const here = fileURLToPath(import.meta.url);
  const dir = dirname(here);
  const candidate =
    basename(dir) === 'bundle'
      ? join(dir, 'pipe-launch')
      : here.endsWith('.ts')
        ? resolve(dir, '..', '..', 'dist', 'bundle', 'pipe-launch')
        : resolve(dir, '..', '..', 'bundle', 'pipe-launch');
  try {
    accessSync(candidate, constants.X_OK);
    return candidate;
  } catch {
    return null;
  }
}

// The compiled launcher's path, or undefined for the bash launcher.
export function compiledLauncher(): string | undefined {
  if (process.env.PIPE_LAUNCHER === 'bash') return undefined;
  found ??= locate();
  return found ?? undefined;
}
