// `pipe status`, `pipe tasks`, `pipe why`, `pipe log` and `pipe clean`: the commands that read what runs recorded.
import type { Command } from 'commander';
import type { CleanOptions } from '../../commands/clean.js';
import type { LogOptions } from '../../commands/log.js';
import type { TasksOptions } from '../../commands/tasks.js';
import { action, positiveInt } from './shared.js';

// Adds the commands that read this directory's records to the program.
export function addRecordCommands(program: Command): void {
  program
    .command('status')
    .description('show a run: counts per state and what failed, with causes and log paths')
    .argument('[run]', "the run: its id, a unique prefix of it, a .nf run's -name or last (default: the latest)")
    .option('--runs', 'list the runs recorded in this directory')
    .action(
      action(async (runId: string | undefined, options: { runs?: boolean }) =>
        (await import('../../commands/status.js')).statusCommand(runId, options),
      ),
    );

  program
    .command('tasks')
    .description("list a run's tasks")
    .option('--run <run>', "the run: its id, a unique prefix, a .nf run's -name or last (default: the latest)")
    .option(
      '--state <state>',
      'only tasks in this state (pending, submitted, running, succeeded, failed, cancelled, cached)',
    )
    .option('--tag <k=v>', 'only tasks with this tag')
    .option('--limit <n>', 'at most N rows', positiveInt('--limit'))
    .option(
      '--fields <list>',
      'columns, comma-separated: task,state,attempt,exit,duration,key,command,native_id,workdir and, for monitored runs, realtime,cpu_time,%cpu,peak_rss,peak_vmem,rchar,wchar,read_bytes,write_bytes,gpu_util,peak_gpu_mem',
    )
    .option('--server <url>', "list a pilot server's queue instead (tcp://host:port or tls://host:port)")
    .option('--token-file <file>', "with --server: the server's token (default: $PIPE_TOKEN, else .pipe/pilot/token)")
    .action(action(async (options: TasksOptions) => (await import('../../commands/tasks.js')).tasksCommand(options)));

  program
    .command('why')
    .description('explain why a task was reused or run again, naming the part of its cache key that changed')
    .argument(
      '<task>',
      'task id: a line number, a YAML id, a .nf `PROC (tag)` or a CWL step path (pipe tasks lists them)',
    )
    .option('--run <run>', "the run: its id, a unique prefix, a .nf run's -name or last (default: the latest)")
    .action(
      action(async (task: string, options: { run?: string }) =>
        (await import('../../commands/why.js')).whyCommand(task, options),
      ),
    );

  program
    .command('log')
    .description('list the runs, or one line per task of RUNs, as `nextflow log` (`pipe log last -f name,status`)')
    .argument('[runs...]', "runs: `last`, a run name (-name) or a run id (a session id is its first run's id)")
    .option('-f, --fields <list>', 'task fields to print, separated by commas (default: workdir; -l lists them)')
    .option('-t, --template <text|file>', 'print each task through a template of $field or ${field}')
    .option('-F, --filter <expr>', 'only tasks for which a condition holds, e.g. "process == \'bar\' && exit != 0"')
    .option('-l, --list-fields', 'list the task fields')
    .option('-s, --separator <text>', 'what separates the -f fields (default: a tab)')
    .option('-q, --quiet', 'list only the run names')
    .option('--before <run>', 'the runs before RUN')
    .option('--after <run>', 'the runs after RUN')
    .option('--but <run>', 'every run but RUN')
    .action(
      action(async (runs: string[], options: LogOptions) =>
        (await import('../../commands/log.js')).logCommand(runs, options),
      ),
    );

  program
    .command('clean')
    .description('remove the work dirs and records of runs (default: the last), as `nextflow clean`')
    .argument('[runs...]', 'runs: `last`, a run name or a run id')
    .option('-n, --dry-run', 'list what would be removed, remove nothing')
    .option('-f, --force', 'remove (clean refuses without -n or -f)')
    .option('-k, --keep-logs', "remove only the work dirs' outputs, keeping their .command.* logs and the run records")
    .option('-q, --quiet', 'do not list what is removed')
    .option('--before <run>', 'the runs before RUN')
    .option('--after <run>', 'the runs after RUN')
    .option('--but <run>', 'every run but RUN')
    .action(
      action(async (runs: string[], options: CleanOptions) =>
        (await import('../../commands/clean.js')).cleanCommand(runs, options),
      ),
    );
}
