#!/usr/bin/env node
// The `pipe` command line: parses arguments and hands each command to its module, loaded only when used.
import { Command } from 'commander';
import { restoreExtraCaCerts } from '../../backends/pilot/protocol/extra-ca-certs.js';
import { reportError } from './errors.js';
import { stderrLine } from './stderr-line.js';
import { dispatchNextflowRun, helpAndVersionWords, quietBeforeRun } from './nextflow/dispatch.js';
import { historyCommandWords } from './nextflow/history-args.js';
import { resumeBeforeFile } from './resume-words.js';
import { packageVersion } from './version.js';
import { addNextflowCommands } from './commands/nextflow-commands.js';
import { addPilotCommands } from './commands/pilot-commands.js';
import { addRecordCommands } from './commands/record-commands.js';
import { addRunCommands } from './commands/run-commands.js';

// Before anything can start a child process: the executable's head may have set NODE_EXTRA_CA_CERTS aside.
restoreExtraCaCerts(process.env, stderrLine);

const version = packageVersion();

const program = new Command('pipe')
  .description('Run CWL workflows, Nextflow-like pipelines and task lists on local, Slurm, PBS and pilot backends')
  .version(version, '-V, --version')
  .option('--debug', 'print stack traces with errors')
  .configureOutput({ outputError: (text, write) => write(commanderError(text)) })
  .exitOverride((error) => {
    process.exit(error.exitCode === 1 ? 2 : error.exitCode);
  });

// commander's error as pipe's: one line, then a hint (its "Did you mean …?" when it has one).
function commanderError(text: string): string {
  const [first = '', ...rest] = text
    .replace(/^error: /, '')
    .trimEnd()
    .split('\n');
  const near = /^\(Did you mean (.+)\?\)$/.exec(rest.join(' ').trim())?.[1];
  const commands = new Set(program.commands.map((c) => c.name()));
  const command = process.argv.slice(2).find((word) => commands.has(word)); // the command the error is about
  const usage = command === undefined ? 'pipe --help' : `pipe ${command} --help`;
  const hint = near === undefined ? `run \`${usage}\` for usage` : `did you mean \`${near}\`?`;
  return `pipe: error: ${first}\n  hint: ${hint}\n`;
}

addRunCommands(program);
addRecordCommands(program);
addPilotCommands(program);
addNextflowCommands(program);

// A reader that stopped reading (`pipe tasks | head`) ends the command quietly, as for other Unix tools.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

// Not awaited at the top level: the bundle is CommonJS (see code-cache.ts). Commands report their own errors.
// A `.nf` run reads its words as `nextflow run` does (nextflow/launch.ts); every other command line is commander's.
dispatch(process.argv.slice(2)).catch((error: unknown) => {
  const debug = process.argv.slice(2, process.argv.indexOf('run')).includes('--debug');
  process.exitCode = reportError(error, debug || program.opts<{ debug?: boolean }>().debug === true, (line) =>
    process.stderr.write(`${line}\n`),
  );
});

// Runs the command line: a `.nf` run through the Nextflow reader, anything else through commander.
async function dispatch(argv: readonly string[]): Promise<void> {
  const handled = await dispatchNextflowRun(argv);
  if (handled !== undefined) {
    process.exitCode = handled;
    return;
  }
  const words = resumeBeforeFile(quietBeforeRun(helpAndVersionWords(argv)));
  await program.parseAsync(historyCommandWords(words), { from: 'user' });
}
