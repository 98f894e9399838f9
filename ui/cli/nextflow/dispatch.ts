// Hands a `.nf` run to `pipe run` with its Nextflow-style words read (launch.ts); rejects Nextflow's single-dash
// spellings on runs of other formats, whose options are pipe's double-dash ones.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../../../engine/errors.js';
import { nextflowLaunch, nextflowRunHelp } from './launch.js';
import { NF_OPTIONS, unsupportedNfOption } from './options.js';

// Runs a `.nf` command line and resolves to its exit code; undefined when `argv` is for commander.
export async function dispatchNextflowRun(argv: readonly string[]): Promise<number | undefined> {
  const { configRequest, nfConfigCommand } = await import('../../commands/nf-config.js');
  const config = configRequest(argv);
  if (config !== undefined) return nfConfigCommand(config);
  const launch = nextflowLaunch(argv);
  if (launch === undefined) {
    rejectNextflowSpellings(argv);
    return cwlToolHelp(argv);
  }
  if (launch.help) {
    process.stdout.write(nextflowRunHelp());
    return 0;
  }
  if (launch.options.background === true) return runInBackground(argv);
  const { runCommand } = await import('../../commands/run.js');
  return runCommand(launch.file, launch.params, launch.options, argv);
}

// `pipe -q run list.txt`: Nextflow's place for -q, accepted for every format.
export function quietBeforeRun(argv: readonly string[]): string[] {
  const run = argv.indexOf('run');
  if (run < 1) return [...argv];
  const before = argv.slice(0, run);
  if (!before.some((word) => word === '-q' || word === '-quiet')) return [...argv];
  return [...before.filter((word) => word !== '-q' && word !== '-quiet'), 'run', '--quiet', ...argv.slice(run + 1)];
}

// Nextflow's spellings of the help and version words, commander's for every other command line: `pipe -version` and
// `pipe -v` (as `nextflow -version`, `nextflow -v`), and `-help` for a command (`pipe run -help` with no .nf file:
// pipe run's own options; `pipe log -help`).
export function helpAndVersionWords(argv: readonly string[]): string[] {
  const first = argv.findIndex((word) => !word.startsWith('-'));
  return argv.map((word, i) => {
    if ((word === '-version' || word === '-v') && (first < 0 || i < first)) return '--version';
    if (word === '-help' && first >= 0 && i > first) return '--help';
    return word;
  });
}

// Single-dash Nextflow words longer than commander's short options (`-resume`, `-with-trace`) on a run of another
// format: an error that names pipe's spelling, never a silent misreading.
function rejectNextflowSpellings(argv: readonly string[]): void {
  const run = argv.indexOf('run');
  if (run < 0) return;
  const end = argv.indexOf('--');
  for (const word of argv.slice(run + 1, end < 0 ? undefined : end)) {
    if (!/^-[A-Za-z][\w.-]+$/.test(word) || word === '-help') continue; // -help: pipe run's own help
    const option = NF_OPTIONS.find((o) => o.names.includes(word));
    if (option === undefined && unsupportedNfOption(word) === undefined) continue;
    throw new UsageError(`\`${word}\` is a .nf run's option`, {
      hint:
        option?.pipe === undefined
          ? 'it applies to .nf pipelines only'
          : `for other workflows pipe spells it \`${option.pipe}\``,
    });
  }
}

// `-bg`: starts the same command line without -bg as a detached process writing to .pipe/run.log.
function runInBackground(argv: readonly string[]): number {
  const stateDir = resolve(process.env.PIPE_STATE_DIR || '.pipe');
  mkdirSync(stateDir, { recursive: true });
  const log = join(stateDir, 'run.log');
  const out = openSync(log, 'a');
  const script = process.argv[1] as string;
  const child = spawn(process.execPath, [...process.execArgv, script, ...argv.filter((word) => word !== '-bg')], {
    detached: true,
    stdio: ['ignore', out, out],
    env: process.env,
  });
  child.unref();
  process.stderr.write(`pipe: running in the background as process ${String(child.pid)}; its output goes to ${log}\n`);
  return 0;
}

// `pipe run tool.cwl --help`: the tool's inputs as flags, as `cwltool tool.cwl --help` prints them (pipe run's own
// help is `pipe run --help`, before any file).
async function cwlToolHelp(argv: readonly string[]): Promise<number | undefined> {
  const run = argv.indexOf('run');
  if (run < 0) return undefined;
  const rest = argv.slice(run + 1);
  const file = rest.findIndex((word) => /\.cwl(#.*)?$/.test(word));
  if (file < 0 || !rest.slice(file + 1).some((word) => word === '--help' || word === '-h')) return undefined;
  const { cwlInputs, inputsHelp } = await import('../../../parsers/cwl/index.js');
  const target = rest[file] as string;
  process.stdout.write(inputsHelp(target, await cwlInputs(resolve(target), process.cwd())));
  return 0;
}
