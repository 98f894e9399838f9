// Bundles the command line into dist/bundle/: `pipe.js` and `cwl-runner.js` (the package's bins) and the two
// worker entry points, all in one folder, so that `new URL('./sandbox-worker.js', import.meta.url)` finds its worker
// from whichever chunk asks. A run then loads a handful of files instead of some 250 modules, most of its start-up.
// Code shared by entries, and each lazily imported command or backend, becomes a chunk of its own, still loaded
// only when used. Packages with native code, files they find at run time or a tree loaded only by the live view
// stay in node_modules.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');

const EXTERNAL = [
  'better-sqlite3', // native addon
  'pg', // optional driver, loaded for postgres:// stores only
  '@globus/sdk', // loaded for globus:// staging only
  'chevrotain', // parsers/dsl/syntax/chevrotain.ts loads its prebuilt bundle by path
  'ink',
  'react', // the live view's worker, with Ink's own dependencies
];

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    pipe: 'ui/cli/main.ts',
    'cwl-runner': 'ui/cli/cwl-runner.ts',
    'sandbox-worker': 'parsers/cwl/expressions/sandbox-worker.ts',
    'render-worker': 'ui/tui/render-worker.ts',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // CommonJS packages inside the bundle (commander, graphology) call require() for Node's own modules.
  banner: { js: "import { createRequire as __pipeCreateRequire } from 'node:module'; const require = __pipeCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
