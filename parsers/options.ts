// Options every workflow parser accepts.
import type { StagingArea } from '../engine/staging/staging-area.js';

// Where a script's own output goes: what it prints (println, view, a `debug` task's stdout) and its log messages.
export interface ScriptConsole {
  // Text the script prints, newlines included (Nextflow's standard output).
  out(text: string): void;
  // A message of the script's `log` (log.info, log.warn, log.error).
  log(level: 'info' | 'warn' | 'error', message: string): void;
  // A line for the run's log file alone (.nextflow.log), never shown: its level, thread and logger as Nextflow's.
  record?(level: 'DEBUG' | 'INFO', thread: string, logger: string, message: string): void;
}

export interface ParseOptions {
  // A command with GNU parallel replacement strings; each line of a text task list becomes its argument.
  readonly template?: string | undefined;
  // Run each line of a text task list in its own work dir (not light), keeping its output files.
  readonly capture?: boolean | undefined;
  // Everything after the workflow file on the command line that `pipe run` does not know: a CWL job file and
  // `--input value` pairs, or DSL `--param value` pairs. A task list takes none.
  readonly args?: readonly string[] | undefined;
  readonly launchDir?: string | undefined; // where relative paths on the command line start (default: cwd)
  readonly outdir?: string | undefined; // where a CWL run's final outputs go (default: the launch dir)
  readonly profiles?: readonly string[] | undefined; // DSL configuration profiles, in order
  readonly configFiles?: readonly string[] | undefined; // extra DSL configuration files, in order
  // DSL configuration files read instead of the project's nextflow.config (`-C`), before configFiles
  readonly configOnly?: readonly string[] | undefined;
  // DSL settings from the command line (`process.debug=true`, `executor.cpus=2`), applied over every config file.
  readonly configOverrides?: readonly string[] | undefined;
  readonly paramsFile?: string | undefined; // a YAML or JSON file of DSL params
  // The backend the command line or pipe.yaml names; a workflow's own executor setting is then neither used nor
  // checked.
  readonly backend?: string | undefined;
  readonly stubRun?: boolean | undefined; // DSL: run each process's `stub:` section instead of its script
  // DSL: the run resumes an earlier one (`-resume`): `workflow.resume`, and `exec:` code reuses what it computed.
  readonly resume?: boolean | undefined;
  // Where a DSL script's own output goes (println, view, log.info, a `debug` task's stdout): the caller's console,
  // since parsers print nothing themselves; dropped when not given.
  readonly console?: ScriptConsole | undefined;
  // GNU parallel's --colsep: a regular expression splitting each line of a --template run into columns {1} {2} ….
  readonly colsep?: string | undefined;
  // GNU parallel's --timeout, for task lists: each task's time limit unless the task sets its own.
  readonly timeoutMs?: number | undefined;
  // CWL: check the document without a job (`pipe check`, `--validate`); a job given is still checked.
  readonly validateOnly?: boolean | undefined;
  readonly noContainer?: boolean | undefined; // CWL: run tools that require a container with this machine's programs
  readonly tmpdirPrefix?: string | undefined; // CWL: where tools' $(runtime.tmpdir) are made (cwltool's --tmpdir-prefix)
  readonly entry?: string | undefined;
  readonly outputDir?: string | undefined; // DSL: where workflow outputs are published (`-output-dir`; default results)
  readonly outputFormat?: string | undefined; // DSL: how the outputs are printed at the end: text or json // DSL: the named workflow to start from (`-entry NAME`) instead of the unnamed one
  // Where remote inputs (scp://, sftp://, globus://) are fetched and outputs put back; runs that name none need none.
  readonly staging?: StagingArea | undefined;
  readonly commandLine?: string | undefined; // DSL: the command line as typed, for `workflow.commandLine`
  readonly runName?: string | undefined; // DSL: the run's name given with `-name`, for `workflow.runName`
  readonly containers?: ContainerOverrides | undefined; // DSL: -with-docker/-with-podman, -without-docker/-without-podman
}

// Container options of the command line, over the config (Nextflow's `-with-docker [IMAGE]` and the like).
export interface ContainerOverrides {
  // The engine to enable, and the image of every process that names none (`process.container`).
  readonly enable?: { readonly engine: 'docker' | 'podman'; readonly image?: string | undefined } | undefined;
  readonly disable?: readonly ('docker' | 'podman')[] | undefined; // engines to turn off
}
