// `pipe run`, `pipe check` and `pipe dag`: the commands that read a workflow.
import { type Command, Option } from 'commander';
import { action, collect, count, positiveInt, unknownOption } from './shared.js';

// Adds runCommands to the program.
export function addRunCommands(program: Command): void {
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
    .option(
      '--retry-delay <ms>',
      'first delay before a retry, doubling each time (default: 500)',
      count('--retry-delay'),
    )
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
    .option(
      '--validate',
      "CWL (cwltool's): check the document (and job, if given), print that it is valid, run nothing",
    )
    .option('--print-dot', "CWL (cwltool's): print the workflow's step graph as Graphviz DOT, run nothing")
    .option('--make-template', "CWL (cwltool's): print a YAML job with every input, run nothing")
    .option('--no-container', "CWL (cwltool's): run tools that require a container with this machine's programs")
    .option('--tmpdir-prefix <prefix>', "CWL (cwltool's): make tools' $(runtime.tmpdir) as PREFIX…")
    .option('--tmp-outdir-prefix <prefix>', "CWL (cwltool's): make tools' output (work) dirs under PREFIX")
    .option('--cachedir <dir>', "CWL (cwltool's): keep work dirs in DIR and reuse what an earlier run there finished")
    .option('--parallel', "CWL (cwltool's): accepted; pipe always runs independent steps at once")
    .option('--print-deps', "CWL (cwltool's): print the files the document depends on, as JSON")
    .option(
      '--relative-deps <base>',
      "CWL (cwltool's): --print-deps locations relative to the document's folder (primary, default) or cwd",
    )
    .option('--pack', "CWL (cwltool's): print the document with everything it runs packed into one $graph")
    .option('-w, --work-dir <dir>', 'where task work dirs go (default: work)')
    .option(
      '--backend <name>',
      "where tasks run: local, slurm, pbs or pilot (default: pipe.yaml's, else the workflow's configuration's, else local)",
    )
    .option(
      '--backend-opt <key=value>',
      'a backend option, e.g. queue=short (repeatable; see docs/backends.md)',
      collect,
    )
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
    .option('--with-monitoring', "record every task's CPU, memory, I/O and GPU use (on with a trace or report too)")
    .option('--with-report <file>', 'write a self-contained HTML report of the run to FILE')
    .option('--with-timeline <file>', 'write an HTML timeline of every task attempt to FILE')
    .option('--with-dag <file>', 'write the step graph to FILE (.html, .dot, .mmd, .json; .svg, .png with Graphviz)')
    .action(
      action(async (file: string, args: string[], options: Record<string, unknown>, command: Command) => {
        if (file.startsWith('-') && file !== '-') throw unknownOption(file, command);
        const known = command.options.flatMap((o) => [o.long, o.short]).filter((n): n is string => n !== undefined);
        return (await import('../../commands/run.js')).runCommand(file, args, options, process.argv.slice(2), known);
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
        (await import('../../commands/check.js')).checkCommand(file, options, args),
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
        ) => (await import('../../commands/dag.js')).dagCommand(file, options, args),
      ),
    );
}
