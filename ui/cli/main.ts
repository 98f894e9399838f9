#!/usr/bin/env node
// The `pipe` command line: parses arguments and hands each command to its module, loaded only when used.
import { Command, InvalidArgumentError, Option } from 'commander';
import type { AgentCommandOptions } from '../commands/agent.js';
import { restoreExtraCaCerts } from '../../backends/pilot/protocol/extra-ca-certs.js';
import { reportError } from './errors.js';
import { stderrLine } from './stderr-line.js';
import { UsageError } from '../../engine/errors.js';
import { closestMatch } from '../../parsers/common/edit-distance.js';
import { dispatchNextflowRun, quietBeforeRun } from './nextflow/dispatch.js';
import { packageVersion } from './version.js';
import type { ServerOptions } from '../commands/server.js';
import type { ShimsOptions } from '../commands/shims.js';

// Before anything can start a child process: the executable's head may have set NODE_EXTRA_CA_CERTS aside.
restoreExtraCaCerts(process.env, stderrLine);

const version = packageVersion();

// Parses a positive integer option, naming the bad value.
function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new InvalidArgumentError(`expected ${name} to be a positive integer, got "${value}"`);
    return n;
  };
}

// Parses a non-negative integer option, naming the bad value.
function count(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0)
      throw new InvalidArgumentError(`expected ${name} to be a non-negative integer, got "${value}"`);
    return n;
  };
}

// Wraps a command's action: its module loads only when it runs, and any error becomes one printed line and an
// exit code.
function action<A extends unknown[]>(run: (...args: A) => Promise<number>): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      process.exitCode = await run(...args);
    } catch (error) {
      const debug = program.opts<{ debug?: boolean }>().debug === true;
      process.exitCode = reportError(error, debug, (line) => process.stderr.write(`${line}\n`));
    }
  };
}

const program = new Command('pipe')
  .description('Run CWL workflows, Nextflow-like pipelines and task lists on local, Slurm, PBS and pilot backends')
  .version(version, '-V, --version')
  .option('--debug', 'print stack traces with errors')
  .showHelpAfterError('  hint: run `pipe --help` for usage')
  .configureOutput({ outputError: (text, write) => write(`pipe: error: ${text.replace(/^error: /, '')}`) })
  .exitOverride((error) => {
    process.exit(error.exitCode === 1 ? 2 : error.exitCode);
  });

// The error for an option a command does not have, with the closest one it has.
function unknownOption(word: string, command: Command): UsageError {
  const names = command.options.flatMap((o) => [o.long, o.short]).filter((n): n is string => n !== undefined);
  const near = closestMatch(word.replace(/=.*/, ''), names);
  return new UsageError(`unknown option \`${word}\` for \`pipe ${command.name()}\``, {
    hint: near === undefined ? `see \`pipe ${command.name()} --help\`` : `did you mean \`${near}\`?`,
  });
}

// Collects a repeatable option's values.
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

program
  .command('run')
  .description('run a workflow or task list (a .nf pipeline takes `nextflow run` options: `pipe run main.nf -help`)')
  .argument('<file>', 'workflow file: CWL (.cwl), pipe DSL (.nf) or a task list (.txt, .yaml, .json; - for stdin)')
  .argument('[args...]', 'a CWL job file and `--input value` pairs')
  .allowUnknownOption()
  .option('--outdir <dir>', 'CWL: where the final outputs go (default: the current directory)')
  .option('--resume [run-id]', 'reuse what earlier runs finished (the latest run of this workflow, or RUN-ID)')
  .option('-j, --jobs <n>', 'tasks run at once (default: number of cores)', positiveInt('--jobs'))
  .option('--retries <n>', 'attempts after a failed one, per task (default: 0)', count('--retries'))
  .option('--retry-delay <ms>', 'first delay before a retry, doubling each time (default: 500)', count('--retry-delay'))
  .option('--checksum', 'verify staged transfers (scp://, sftp://, globus://) by sha256 as well as size')
  .option('-k, --keep-going', 'run everything that does not depend on a failed task, then exit 1')
  .option(
    '--template <cmd>',
    'treat each line as an argument to CMD, with {} {.} {/} {//} {/.} {#} {1} {2} … as in GNU parallel',
  )
  .option('--capture', 'run each line in its own work dir, keeping .command.out and .command.err')
  .option('--colsep <regex>', 'with --template: split each line into columns {1} {2} … at REGEX, as GNU parallel')
  .option('--timeout <duration>', 'task lists: kill a task that runs longer (seconds, or e.g. 5m), as GNU parallel')
  .option('--dry-run', "task lists: print each task's command instead of running it")
  .option('--joblog <file>', "write GNU parallel's job log of every task attempt to FILE")
  .option('--validate', "CWL (cwltool's): check the document (and job, if given), print that it is valid, run nothing")
  .option('--print-dot', "CWL (cwltool's): print the workflow's step graph as Graphviz DOT, run nothing")
  .option('--make-template', "CWL (cwltool's): print a YAML job with every input, run nothing")
  .option('--no-container', "CWL (cwltool's): run tools that require a container with this machine's programs")
  .option('--tmpdir-prefix <prefix>', "CWL (cwltool's): make tools' $(runtime.tmpdir) as PREFIX…")
  .option('--tmp-outdir-prefix <prefix>', "CWL (cwltool's): make tools' output (work) dirs under PREFIX")
  .option('--cachedir <dir>', "CWL (cwltool's): keep work dirs in DIR and reuse what an earlier run there finished")
  .option('--parallel', "CWL (cwltool's): accepted; pipe always runs independent steps at once")
  .option('--print-deps', "CWL (cwltool's): print the files the document depends on, as JSON")
  .option('--pack', "CWL (cwltool's): print the document with everything it runs packed into one $graph")
  .option('-w, --work-dir <dir>', 'where task work dirs go (default: work)')
  .option(
    '--backend <name>',
    "where tasks run: local, slurm, pbs or pilot (default: pipe.yaml's, else the workflow's configuration's, else local)",
  )
  .option('--backend-opt <key=value>', 'a backend option, e.g. queue=short (repeatable; see docs/backends.md)', collect)
  .option(
    '--agents <spec>',
    'pilot agents: local:N, slurm:N, pbs:N, PLACE:MIN-MAX to scale, or none (implies --backend pilot)',
  )
  .option('-q, --quiet', 'print only errors and the final summary')
  .option('--tui', 'show the live terminal view even when stderr is not a terminal')
  .option('--plain', 'print plain progress lines instead of the live terminal view')
  .addOption(new Option('--log-format <format>', 'progress output').choices(['plain', 'json']).default('plain'))
  .addOption(new Option('--progress-interval <s>', 'seconds between progress lines').argParser(Number).default(5))
  .option('--log-file <file>', 'also write every event of the run to FILE, one JSON line each (pino)')
  .option(
    '--plugin <path>',
    'load a plugin: weblog?url=…, audit, a file or a package (repeatable; docs/plugins.md)',
    collect,
  )
  .option('--with-trace <file>', "write Nextflow's trace TSV of every task attempt to FILE")
  .option('--with-report <file>', 'write a self-contained HTML report of the run to FILE')
  .option('--with-timeline <file>', 'write an HTML timeline of every task attempt to FILE')
  .option('--with-dag <file>', 'write the step graph to FILE (.html, .dot, .mmd, .json; .svg, .png with Graphviz)')
  .action(
    action(async (file: string, args: string[], options: Record<string, unknown>, command: Command) => {
      if (file.startsWith('-') && file !== '-') throw unknownOption(file, command);
      const known = command.options.flatMap((o) => [o.long, o.short]).filter((n): n is string => n !== undefined);
      return (await import('../commands/run.js')).runCommand(file, args, options, process.argv.slice(2), known);
    }),
  );

program
  .command('check')
  .description('parse and validate a workflow without running it (a CWL job file or input flags are checked too)')
  .argument('<file>', 'workflow file')
  .argument('[args...]', 'CWL: a job file and `--input value` flags to check with it')
  .allowUnknownOption()
  .option('--template <cmd>', 'as for `pipe run`')
  .option('--capture', 'as for `pipe run`')
  .action(
    action(async (file: string, args: string[], options: { template?: string; capture?: boolean }) =>
      (await import('../commands/check.js')).checkCommand(file, options, args),
    ),
  );

program
  .command('dag')
  .description('print the step graph of a workflow as Graphviz DOT, Mermaid or JSON')
  .argument('<file>', 'workflow file')
  .argument('[args...]', 'CWL: a job file and `--input value` flags')
  .addOption(new Option('--format <format>', 'output format').choices(['dot', 'mermaid', 'json']).default('dot'))
  .option('-o, --output <file>', 'write to FILE instead of stdout')
  .option('--template <cmd>', 'as for `pipe run`')
  .option('--capture', 'as for `pipe run`')
  .action(
    action(
      async (
        file: string,
        args: string[],
        options: { format: 'dot' | 'mermaid' | 'json'; output?: string; template?: string; capture?: boolean },
      ) => (await import('../commands/dag.js')).dagCommand(file, options, args),
    ),
  );

program
  .command('status')
  .description('show a run: counts per state and what failed, with causes and log paths')
  .argument('[run-id]', 'the run (default: the latest)')
  .option('--runs', 'list the runs recorded in this directory')
  .action(
    action(async (runId: string | undefined, options: { runs?: boolean }) =>
      (await import('../commands/status.js')).statusCommand(runId, options),
    ),
  );

program
  .command('tasks')
  .description("list a run's tasks")
  .option('--run <id>', 'the run (default: the latest)')
  .option(
    '--state <state>',
    'only tasks in this state (pending, submitted, running, succeeded, failed, cancelled, cached)',
  )
  .option('--tag <k=v>', 'only tasks with this tag')
  .option('--limit <n>', 'at most N rows', positiveInt('--limit'))
  .option('--server <url>', "list a pilot server's queue instead (tcp://host:port or tls://host:port)")
  .option('--token-file <file>', "with --server: the server's token (default: $PIPE_TOKEN, else .pipe/pilot/token)")
  .action(
    action(
      async (options: {
        run?: string;
        state?: string;
        tag?: string;
        limit?: number;
        server?: string;
        tokenFile?: string;
      }) => (await import('../commands/tasks.js')).tasksCommand(options),
    ),
  );

program
  .command('server')
  .description('run a pilot server: a task queue that agents pull from (until SIGINT or SIGTERM)')
  .option('--host <host>', 'address to listen on (default: 127.0.0.1)')
  .option('--port <port>', 'port to listen on; 0 picks a free one (default: 7878)', count('--port'))
  .option('--db <path|url>', 'the queue: a SQLite file or a postgres:// URL (default: .pipe/pilot/queue.db)')
  .option(
    '--token-file <file>',
    'the token agents and clients must present (default: $PIPE_TOKEN, else a new one in .pipe/pilot/token)',
  )
  .option('--resume', "continue the last session's queue instead of starting an empty one")
  .option('--tls-cert <file>', 'PEM certificate: serve TLS (tls://) instead of plain TCP')
  .option('--tls-key <file>', 'PEM private key for --tls-cert')
  .option('--heartbeat <seconds>', 'how often agents beat; one silent for 4 beats is lost (default: 5)', Number)
  .action(action(async (options: ServerOptions) => (await import('../commands/server.js')).serverCommand(options)));

program
  .command('serve')
  .description("serve this directory's runs: a REST API (/api/, /openapi.json) and a web dashboard")
  .option('--host <host>', 'address to listen on (default: 127.0.0.1)')
  .option('--port <port>', 'port to listen on; 0 picks a free one (default: 8080)', count('--port'))
  .option('--token-file <file>', 'the token clients present (default: $PIPE_TOKEN, else .pipe/serve/token)')
  .option('--tls-cert <file>', 'PEM certificate: serve HTTPS')
  .option('--tls-key <file>', 'PEM private key for --tls-cert')
  .option('--server <url>', 'a pilot server that POST /api/pilot/tasks submits to')
  .option('--server-token-file <file>', "with --server: the pilot server's token (default: .pipe/pilot/token)")
  .action(
    action(async (options: Record<string, string | number | undefined>) =>
      (await import('../commands/serve.js')).serveCommand(options),
    ),
  );

program
  .command('submit')
  .description("add one task per line of FILE to a pilot server's queue")
  .argument('<file>', 'text file: one shell command per line; blank lines and # comments are skipped')
  .requiredOption('--server <url>', 'the pilot server (tcp://host:port or tls://host:port)')
  .option('--token-file <file>', "the server's token (default: $PIPE_TOKEN, else .pipe/pilot/token)")
  .option('--tag <k=v>', 'tag every task (repeatable)', collect)
  .action(
    action(async (file: string, options: { server: string; tokenFile?: string; tag?: string[] }) =>
      (await import('../commands/submit.js')).submitCommand(file, options),
    ),
  );

program
  .command('shims')
  .description(
    "write sbatch, squeue, scontrol, scancel, qsub, qstat and qdel that run jobs on pipe's pilot (for Nextflow)",
  )
  .argument('[dir]', 'where to write them (default .pipe/shims/bin)')
  .option('--server <url>', 'use this `pipe server` (default: start one with local agents for this directory)')
  .option('--token-file <file>', "with --server: the server's token (default: $PIPE_TOKEN)")
  .option('-j, --jobs <n>', 'tasks the local agents run at once (default: the cores)', positiveInt('--jobs'))
  .option('--idle-timeout <duration>', 'the gateway leaves after this long without jobs or commands (default 10m)')
  .option('--print-path', 'print only the directory, for PATH=$(pipe shims --print-path):$PATH')
  .addOption(new Option('--start <state>').hideHelp())
  .addOption(new Option('--daemon <state>').hideHelp())
  .action(
    action(async (dir: string | undefined, options: ShimsOptions) =>
      (await import('../commands/shims.js')).shimsCommand(dir, options),
    ),
  );

program
  .command('why')
  .description('explain why a task was reused or run again, naming the part of its cache key that changed')
  .argument('<task>', 'task id (a line number or a YAML id)')
  .option('--run <id>', 'the run (default: the latest)')
  .action(
    action(async (task: string, options: { run?: string }) =>
      (await import('../commands/why.js')).whyCommand(task, options),
    ),
  );

program
  .command('agent')
  .description(
    'run tasks from a pilot server (`pipe server`) until it ends the run, the agent idles, or its allocation ends',
  )
  .requiredOption('--server <url>', 'the server: tcp://HOST:PORT or tls://HOST:PORT')
  .option('--token-file <file>', "the server's token (default: $PIPE_TOKEN, else .pipe/pilot/token)")
  .option('-j, --jobs <n>', 'tasks run at once (default: --cpus)', positiveInt('--jobs'))
  .option('--cpus <n>', 'cpus the tasks may use together (default: number of cores)', positiveInt('--cpus'))
  .option('--memory <size>', "memory the tasks may use together, e.g. 64GB (default: this machine's)")
  .option('--walltime <duration>', "time the agent may run, e.g. 4h (default: the Slurm job's end or PBS_WALLTIME)")
  .option(
    '--drain-margin <duration>',
    'stop taking tasks this long before the walltime ends (default: 60s, at most a tenth of it)',
  )
  .option('--idle-timeout <duration>', 'exit after holding no task this long; 0 = never (default: 5m)')
  .option('--tls-ca <file>', 'PEM certificate to trust for a tls:// server')
  .option('--dir <dir>', 'where light tasks run (default: the current directory)')
  .action(action(async (options: AgentCommandOptions) => (await import('../commands/agent.js')).agentCommand(options)));

const globus = program.command('globus').description('Globus accounts for globus:// staging');
globus
  .command('login')
  .description('log in to Globus (a URL to open, a code to paste) and store a refresh token, mode 0600')
  .option('--client-id <id>', 'the native app to log in through (default: $GLOBUS_CLIENT_ID)')
  .option('--scope <scope>', "one more scope to consent to, e.g. a collection's data_access (repeatable)", collect)
  .action(
    action(async (options: { clientId?: string; scope?: string[] }) =>
      (await import('../commands/globus.js')).globusLoginCommand(options),
    ),
  );

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
  await program.parseAsync(quietBeforeRun(argv), { from: 'user' });
}
