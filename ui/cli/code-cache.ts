// Runs the bundled command line (a CommonJS file) through V8's code cache: the first run compiles the bundle and,
// as it exits, saves the compiled code (with every function the run used) to the user's cache; later runs
// deserialize it instead of parsing 2 MB of JavaScript and compiling each function again. Node 20 has no compile
// cache of its own (`module.enableCompileCache` came in Node 22), and none at all for ES modules, hence CommonJS.
//
// The cache lives in $XDG_CACHE_HOME/pipe/code (~/.cache/pipe/code), one file per bundle build, Node version and
// V8 flags (command line and NODE_OPTIONS). V8 checks a cache against its own version, flags and the source's
// length and rejects a stale one; the file name adds the bundle's inode, size and mtime, so a rebuild never meets
// an old cache. A missing, rejected or unreadable cache costs nothing but the compile it would have saved;
// NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch) turns the cache off.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script, constants } from 'node:vm';

// A 32-bit FNV-1a hash, enough to keep unrelated builds' caches apart (V8 validates the rest).
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

// Where the cache of `file` is kept; undefined when caching is off or there is no home to keep it in.
export function codeCachePath(file: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE !== undefined && env.NODE_DISABLE_COMPILE_CACHE !== '' && env.NODE_DISABLE_COMPILE_CACHE !== '0') return undefined;
  const home = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  const stat = statSync(file, { bigint: true });
  // V8 flags come from the command line and NODE_OPTIONS: runs with different flags keep caches of their own.
  const flags = `${process.execArgv.join(' ')}|${env.NODE_OPTIONS ?? ''}`;
  const build = `${file}|${stat.dev}|${stat.ino}|${stat.size}|${stat.mtimeNs}|${process.version}|${process.arch}|${flags}`;
  return join(home, 'pipe', 'code', `${fnv1a(build)}.bin`);
}

// Writes the script's compiled code next to where it will be read, atomically: concurrent runs each write whole files.
function save(cacheFile: string, script: Script): void {
  try {
    mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
    const scratch = `${cacheFile}.${process.pid}`;
    writeFileSync(scratch, script.createCachedData());
    renameSync(scratch, cacheFile);
  } catch {
    // a cache that cannot be written is only a slower next start
  }
}

// Loads and runs the CommonJS file `file` as Node's loader would, using and refreshing its code cache.
export function runWithCodeCache(file: string): void {
  const source = readFileSync(file, 'latin1'); // the bundle is ASCII (scripts/bundle.ts)
  let cacheFile: string | undefined;
  let cached: Buffer | undefined;
  try {
    cacheFile = codeCachePath(file);
    if (cacheFile !== undefined) cached = readFileSync(cacheFile);
  } catch {
    // no cache yet: this run makes it
  }
  const script = new Script(Module.wrap(source), {
    filename: file,
    cachedData: cached,
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cacheFile !== undefined && (cached === undefined || script.cachedDataRejected === true)) {
    const target = cacheFile;
    process.once('exit', () => save(target, script));
  }
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  const module = new Module(file);
  module.filename = file;
  const require = createRequire(file);
  wrapper.call(module.exports, module.exports, require, module, file, dirname(file));
}
