// Builds the compiled launcher (backends/local/launcher.c and the launcher-*.c beside it) into
// dist/bundle/pipe-launch with the system's C compiler ($CC, else cc). Without one, or when it fails, the local backend runs its bash launcher: the build goes
// on with a one-line note.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'bundle', 'pipe-launch');
const compiler = process.env.CC ?? 'cc';
mkdirSync(dirname(out), { recursive: true });
rmSync(out, { force: true });
const sources = join(root, 'backends', 'local');
const files = readdirSync(sources).filter((name) => /^launcher(-[a-z]+)?\.c$/.test(name));
const args = ['-O2', '-pthread', '-o', out, ...files.map((name) => join(sources, name))];
const result = spawnSync(compiler, args, { stdio: ['ignore', 'inherit', 'inherit'] });
if (result.status !== 0) {
  const why = result.error === undefined ? `exited ${result.status ?? result.signal}` : result.error.message;
  console.log(
    `pipe: the compiled launcher was not built (${compiler}: ${why}); the local backend uses its bash launcher`,
  );
}
