// `pipe server`, `pipe serve`, `pipe submit`, `pipe shims`, `pipe agent` and `pipe globus`: serving and pilots.
import { type Command, Option } from 'commander';
import type { AgentCommandOptions } from '../../commands/agent.js';
import type { ServerOptions } from '../../commands/server.js';
import type { ShimsOptions } from '../../commands/shims.js';
import { action, collect, count, positiveInt } from './shared.js';

// Adds pilotCommands to the program.
export function addPilotCommands(program: Command): void {
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
    .option('--plain', 'log lines only, without the live view of the queue and agents')
    .option('--tui', 'the live view even when stderr is not a terminal')
    .action(
      action(async (options: ServerOptions) => (await import('../../commands/server.js')).serverCommand(options)),
    );

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
        (await import('../../commands/serve.js')).serveCommand(options),
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
        (await import('../../commands/submit.js')).submitCommand(file, options),
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
        (await import('../../commands/shims.js')).shimsCommand(dir, options),
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
    .option(
      '--monitor <interval>',
      "measure each task's CPU, memory, I/O and GPU use, sampling every INTERVAL (e.g. 1s)",
    )
    .action(
      action(async (options: AgentCommandOptions) => (await import('../../commands/agent.js')).agentCommand(options)),
    );

  const globus = program.command('globus').description('Globus accounts for globus:// staging');
  globus
    .command('login')
    .description('log in to Globus (a URL to open, a code to paste) and store a refresh token, mode 0600')
    .option('--client-id <id>', 'the native app to log in through (default: $GLOBUS_CLIENT_ID)')
    .option('--scope <scope>', "one more scope to consent to, e.g. a collection's data_access (repeatable)", collect)
    .action(
      action(async (options: { clientId?: string; scope?: string[] }) =>
        (await import('../../commands/globus.js')).globusLoginCommand(options),
      ),
    );
}
