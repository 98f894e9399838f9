// Runs the bundled command line (a CommonJS file) through V8's code cache: the first run compiles the bundle and,
// as it exits, saves the compiled code (with every function the run used) to the user's cache; later runs
// deserialize it instead of parsing 2 MB of JavaScript and compiling each function again. Node 20 has no compile
// cache of its own (`module.enableCompileCache` came in Node 22), and none at all for ES modules, hence CommonJS.
//
// The cache lives in $XDG_CACHE_HOME/pipe/code (~/.cache/pipe/code), one file per installation, bundle build, Node
// version, V8 flags (command line and NODE_OPTIONS) and code path (codeProfile: `pipe --version` compiles a tenth
// of what a CWL run does, and a run whose cache was made by the other compiles the rest again, ~35 ms). V8 checks
// a cache against its own version, flags and the source's length and rejects a stale one; the file name adds the
// bundle's inode, size and mtime, so a rebuild never meets an old cache, and saving a new build's cache removes the
// installation's older ones. A missing, rejected or unreadable cache costs nothing but the compile it would have
// saved; NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch) turns the cache off.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import { Script, constants } from 'node:vm';

// A 32-bit FNV-1a hash, enough to keep unrelated builds' caches apart (V8 validates the rest).
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

// The commands of main.ts; other words (a typo, `--help`) share one cache.
const COMMANDS = new Set(['run', 'check', 'dag', 'status', 'tasks', 'server', 'submit', 'why', 'agent', 'shims']);
// The kinds of file `run`, `check` and `dag` read, each through its own parser.
const FORMATS = new Set(['.cwl', '.nf', '.yml', '.yaml', '.json', '.txt']);

// The code path a command line takes, as far as its words tell: the command, and for one that reads a workflow the
// extension of the first file it names (`run-cwl`). A file without one of those extensions is a task list.
export function codeProfile(args: readonly string[]): string {
  const at = args.findIndex((arg) => COMMANDS.has(arg));
  if (at < 0) return 'other';
  const command = args[at]!;
  if (command !== 'run' && command !== 'check' && command !== 'dag') return command;
  const format = args
    .slice(at + 1)
    .map((arg) => extname(arg).toLowerCase())
    .find((ext) => FORMATS.has(ext));
  return format === undefined ? command : `${command}-${format.slice(1)}`;
}

// Where the cache of `file` for a run with arguments `args` is kept: INSTALLATION-BUILD-RUNTIME-PROFILE.bin.
// Undefined when caching is off.
export function codeCachePath(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
  args: readonly string[] = process.argv.slice(2),
): string | undefined {
  if (
    env.NODE_DISABLE_COMPILE_CACHE !== undefined &&
    env.NODE_DISABLE_COMPILE_CACHE !== '' &&
    env.NODE_DISABLE_COMPILE_CACHE !== '0'
  )
    return undefined;
  const home = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  const stat = statSync(file, { bigint: true });
  // V8 flags come from the command line and NODE_OPTIONS: runs with different flags keep caches of their own.
  const flags = `${process.execArgv.join(' ')}|${env.NODE_OPTIONS ?? ''}`;
  const build = `${stat.dev}|${stat.ino}|${stat.size}|${stat.mtimeNs}`;
  const runtime = `${process.version}|${process.arch}|${flags}`;
  return join(home, 'pipe', 'code', `${fnv1a(file)}-${fnv1a(build)}-${fnv1a(runtime)}-${codeProfile(args)}.bin`);
}

// Removes the caches of the installation's earlier builds from the cache dir.
function pruneOtherBuilds(cacheFile: string): void {
  const [installation, build] = basename(cacheFile).split('-');
  for (const name of readdirSync(dirname(cacheFile))) {
    const [otherInstallation, otherBuild] = name.split('-');
    if (otherInstallation === installation && otherBuild !== build)
      rmSync(join(dirname(cacheFile), name), { force: true });
  }
}

// Writes the script's compiled code next to where it will be read, atomically: concurrent runs each write whole files.
function save(cacheFile: string, script: Script): void {
  try {
    mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
    const scratch = `${cacheFile}.${process.pid}`;
    writeFileSync(scratch, script.createCachedData());
    renameSync(scratch, cacheFile);
    pruneOtherBuilds(cacheFile);
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
  const wrapper = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: Module,
    filename: string,
    dirname: string,
  ) => void;
  const module = new Module(file);
  module.filename = file;
  const require = createRequire(file);
  wrapper.call(module.exports, module.exports, require, module, file, dirname(file));
}
