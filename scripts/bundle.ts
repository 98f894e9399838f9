// Bundles the command line into dist/bundle/, so that a run loads a handful of files instead of some 250 modules:
//   main.cjs        the whole command line, one CommonJS file, which V8's code cache can hold (ui/cli/code-cache.ts);
//                   commands and backends a run does not use are compiled only when called
//   pipe.cjs        the `pipe` bin: runs main.cjs through the code cache (a sh head execs node on it)
//   cwl-runner.cjs  the `cwl-runner` bin: the same, as `pipe run`
//   render-worker.js  the live view's worker thread entry (an ES module), found beside main.cjs through
//                   `new URL('./render-worker.js', import.meta.url)`; server-live.js, `pipe server`'s live view
//                   (an ES module too, imported the same way); the CWL expression sandbox needs no file (its
//                   process runs a program passed as `node -e` source)
// Packages loaded only for some runs, or only by the live view, stay in node_modules. better-sqlite3's JavaScript is
// bundled; its native addon is loaded by path (engine/store/sqlite-connection.ts).
import { build, type Plugin } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFERRED_VARIABLE } from '../backends/pilot/protocol/extra-ca-certs.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');

const EXTERNAL = [
  'fastify', // loaded by `pipe serve` only
  'pg', // optional driver, loaded for postgres:// stores only
  '@globus/sdk', // loaded for globus:// staging only
  'ssh2', // loaded for scp:// and sftp:// staging only (with optional native addons)
  'ink',
  'react', // the live view's worker, with Ink's own dependencies
];

// CommonJS has no top-level await, which parsers/dsl/syntax/chevrotain.ts uses to load Chevrotain's single-file
// build by path (its package entry is hundreds of small modules). Bundled, that file is simply inlined.
const chevrotainBundle = join(dirname(createRequire(import.meta.url).resolve('chevrotain')), '..', 'chevrotain.mjs');
const inlineChevrotain: Plugin = {
  name: 'inline-chevrotain',
  setup(plugin) {
    plugin.onLoad({ filter: /[\\/]parsers[\\/]dsl[\\/]syntax[\\/]chevrotain\.ts$/ }, () => ({
      contents: `export { createToken, CstParser, EOF, generateCstDts, getLookaheadPaths, Lexer, LLkLookaheadStrategy, tokenMatcher } from ${JSON.stringify(chevrotainBundle)};`,
      loader: 'ts',
      resolveDir: root,
    }));
  },
};

const common = {
  absWorkingDir: root,
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
} as const;
// CommonJS output: import.meta.url is the file's own URL.
const commonjs = {
  ...common,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { 'import.meta.url': '__pipeModuleUrl' },
  banner: { js: "const __pipeModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
} as const;

rmSync(outdir, { recursive: true, force: true });
await build({ ...commonjs, entryPoints: { main: 'ui/cli/main.ts' }, external: EXTERNAL, plugins: [inlineChevrotain] });
await build({ ...commonjs, entryPoints: { pipe: 'ui/cli/bin.ts', 'cwl-runner': 'ui/cli/cwl-runner.ts' } });
// The executables start as sh scripts that exec node on themselves; to node, each of these lines is a string and a
// comment. They set NODE_EXTRA_CA_CERTS aside while node starts (backends/pilot/protocol/extra-ca-certs.ts says why).
const EXECUTABLE_HEAD = [
  '#!/bin/sh',
  '":" //; # NODE_EXTRA_CA_CERTS waits until pipe makes a TLS connection (backends/pilot/protocol/extra-ca-certs.ts). `pipe server`,',
  '":" //; # whose PostgreSQL client cannot be given it later, and runs with NODE_OPTIONS (which may pick the CA store)',
  '":" //; # keep it as it is.',
  '":" //; if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -z "${NODE_OPTIONS:-}" ]; then case " $* " in *" server "*) ;; *)',
  `":" //;   export ${DEFERRED_VARIABLE}="$NODE_EXTRA_CA_CERTS"; unset NODE_EXTRA_CA_CERTS ;; esac; fi`,
  '":" //; exec node "$0" "$@"',
].join('\n');
for (const bin of ['pipe.cjs', 'cwl-runner.cjs']) {
  const file = join(outdir, bin);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^#![^\n]*/, EXECUTABLE_HEAD));
}
// ui/plugins/import-module.ts: import() for plugins, from a real ES module beside the bundle.
writeFileSync(join(outdir, 'import-module.mjs'), 'export const load = (url) => import(url);\n');
// The code cache compiles main.cjs wrapped in a function, where a #! line is a syntax error. The file is read as
// Latin-1, a plain copy, three times cheaper than decoding UTF-8: esbuild escapes non-ASCII characters in code, and
// those left in comments are escaped here; anything else fails the build.
const cjs = join(outdir, 'main.cjs');
const escapeNonAscii = (text: string): string =>
  text.replace(/[^\x00-\x7f]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
// A comment line, or a `//` comment after code when no quote before it is left open.
const escapeComment = (line: string): string => {
  if (/^\s*(\/\/|\*|\/\*)/.test(line)) return escapeNonAscii(line);
  const at = line.indexOf(' // ');
  if (at < 0 || /[^\x00-\x7f]/.test(line.slice(0, at)) || (line.slice(0, at).match(/['"`]/g)?.length ?? 0) % 2 !== 0)
    return line;
  return line.slice(0, at) + escapeNonAscii(line.slice(at));
};
const code = readFileSync(cjs, 'utf8')
  .replace(/^#![^\n]*\n/, '')
  .split('\n')
  .map(escapeComment)
  .join('\n');
const stray = /[^\x00-\x7f]/.exec(code);
if (stray !== null)
  throw new Error(
    `main.cjs: a non-ASCII character outside a comment, at offset ${stray.index}: ${JSON.stringify(code.slice(stray.index - 40, stray.index + 10))}`,
  );
writeFileSync(cjs, code);

await build({
  ...common,
  entryPoints: { 'render-worker': 'ui/tui/render-worker.ts', 'server-live': 'ui/commands/server-live.tsx' },
  splitting: true,
  format: 'esm',
  external: EXTERNAL,
  // CommonJS packages inside the bundle call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __pipeCreateRequire } from 'node:module'; const require = __pipeCreateRequire(import.meta.url);",
  },
});

// The dashboard of `pipe serve`: one browser script, React included, served by the same process (no CDN).
await build({
  absWorkingDir: root,
  entryPoints: { 'web/app': 'ui/web/app/main.tsx' },
  outdir,
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  minify: true,
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
