// Builds the compiled launcher (backends/local/launcher.c) into dist/bundle/pipe-launch with the system's C
// compiler ($CC, else cc). Without one, or when it fails, the local backend runs its bash launcher: the build goes
// on with a one-line note.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'bundle', 'pipe-launch');
const compiler = process.env.CC ?? 'cc';
mkdirSync(dirname(out), { recursive: true });
rmSync(out, { force: true });
const args = ['-O2', '-pthread', '-o', out, join(root, 'backends', 'local', 'launcher.c')];
const result = spawnSync(compiler, args, { stdio: ['ignore', 'inherit', 'inherit'] });
if (result.status !== 0) {
  const why = result.error === undefined ? `exited ${result.status ?? result.signal}` : result.error.message;
  console.log(
    `pipe: the compiled launcher was not built (${compiler}: ${why}); the local backend uses its bash launcher`,
  );
}
