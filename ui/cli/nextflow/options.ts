// The options of `nextflow run` (and the launcher options before `run`), as pipe reads them for `.nf` runs: one row
// per option with its Nextflow names, how many values it takes, and the `pipe run` setting it stands for.
// Names, arities and defaults follow Nextflow's CmdRun.groovy, CliOptions.groovy and Launcher.normalizeArgs:
// https://github.com/nextflow-io/nextflow/tree/master/modules/nf-cli-v1/src/main/groovy/nextflow/cli

// How an option takes its value.
export type NfArity =
  | 'flag' // no value; a following `true`/`false` is taken as its value (JCommander's booleans)
  | 'value' // exactly one value, whatever it looks like
  | 'list' // one value, repeatable (-c)
  | 'optional' // a value unless nothing follows or the next word starts with `-` (Nextflow's normalizeArgs)
  | 'boolean' // `true` or `false`; nothing or an option after it means `true` (-ansi-log)
  | 'resume'; // `-resume [RUN]`: takes the next word only when it names a run

// Where an option may stand: after `run` (CmdRun), before it (the launcher's CliOptions), or both.
export type NfPlace = 'run' | 'launcher' | 'both';

export interface NfOption {
  readonly names: readonly string[]; // Nextflow's spellings, the first one canonical
  readonly arity: NfArity;
  readonly key: string; // the `pipe run` setting it fills (a RunOptions key)
  readonly place: NfPlace;
  readonly help: string;
  readonly pipe?: string; // pipe's spelling of the same setting for other formats, for docs/configuration.md
  readonly extra?: true; // pipe's own, not Nextflow's: pipe options that Nextflow has no spelling for
}

// Options Nextflow has that pipe does not honour: accepted nowhere, each rejected with its reason.
export interface NfUnsupported {
  readonly names: readonly string[];
  readonly reason: string;
}

export const NF_OPTIONS: readonly NfOption[] = [
  {
    names: ['-resume'],
    arity: 'resume',
    key: 'resume',
    place: 'run',
    pipe: '--resume',
    help: 'reuse what the last run (or RUN) finished',
  },
  {
    names: ['-profile'],
    arity: 'value',
    key: 'profile',
    place: 'run',
    help: 'configuration profiles, comma-separated',
  },
  {
    names: ['-c', '-config'],
    arity: 'list',
    key: 'config',
    place: 'both',
    help: 'an extra configuration file (repeatable)',
  },
  { names: ['-params-file'], arity: 'value', key: 'paramsFile', place: 'run', help: 'a YAML or JSON file of params' },
  {
    names: ['-entry'],
    arity: 'value',
    key: 'entry',
    place: 'run',
    help: 'the named workflow to run instead of the unnamed one',
  },
  {
    names: ['-w', '-work-dir'],
    arity: 'value',
    key: 'workDir',
    place: 'run',
    pipe: '--work-dir',
    help: 'where task work dirs go (default: work)',
  },
  {
    names: ['-o', '-output-dir'],
    arity: 'value',
    key: 'outputDir',
    place: 'run',
    help: "where the workflow's `output {}` block publishes (default: results)",
  },
  {
    names: ['-output-format'],
    arity: 'value',
    key: 'outputFormat',
    place: 'run',
    help: 'how the workflow outputs are printed when the run ends: text (default) or json',
  },
  {
    names: ['-stub-run', '-stub'],
    arity: 'flag',
    key: 'stubRun',
    place: 'run',
    help: "run each process's stub: section instead of its script",
  },
  {
    names: ['-preview'],
    arity: 'flag',
    key: 'preview',
    place: 'run',
    help: 'evaluate the pipeline and list its processes without running a task',
  },
  {
    names: ['-name'],
    arity: 'value',
    key: 'runName',
    place: 'run',
    help: 'a name for the run, shown by pipe status and pipe log',
  },
  {
    names: ['-with-trace'],
    arity: 'optional',
    key: 'withTrace',
    place: 'run',
    pipe: '--with-trace',
    help: 'write the trace TSV (default: trace-<timestamp>.txt)',
  },
  {
    names: ['-with-monitoring'],
    arity: 'flag',
    key: 'withMonitoring',
    place: 'run',
    pipe: '--with-monitoring',
    help: "record every task's CPU, memory, I/O and GPU use (docs/monitoring.md)",
  },
  {
    names: ['-with-report'],
    arity: 'optional',
    key: 'withReport',
    place: 'run',
    pipe: '--with-report',
    help: 'write the HTML report (default: report-<timestamp>.html)',
  },
  {
    names: ['-with-timeline'],
    arity: 'optional',
    key: 'withTimeline',
    place: 'run',
    pipe: '--with-timeline',
    help: 'write the HTML timeline (default: timeline-<timestamp>.html)',
  },
  {
    names: ['-with-dag'],
    arity: 'optional',
    key: 'withDag',
    place: 'run',
    pipe: '--with-dag',
    help: 'write the step graph: .html, .mmd, .dot, .json, .svg/.png (default: dag-<timestamp>.html)',
  },
  {
    names: ['-with-docker'],
    arity: 'optional',
    key: 'withDocker',
    place: 'run',
    help: 'run processes in their containers (or IMAGE) through podman',
  },
  {
    names: ['-with-podman'],
    arity: 'optional',
    key: 'withPodman',
    place: 'run',
    help: 'run processes in their containers (or IMAGE) through podman',
  },
  { names: ['-without-docker'], arity: 'flag', key: 'withoutDocker', place: 'run', help: 'ignore docker.enabled' },
  { names: ['-without-podman'], arity: 'flag', key: 'withoutPodman', place: 'run', help: 'ignore podman.enabled' },
  {
    names: ['-dump-hashes'],
    arity: 'optional',
    key: 'dumpHashes',
    place: 'run',
    help: "print the parts of each task's cache key (`json`: as JSON)",
  },
  {
    names: ['-ansi-log'],
    arity: 'boolean',
    key: 'ansiLog',
    place: 'run',
    help: '`false`: plain progress lines instead of the live view',
  },
  {
    names: ['-qs', '-queue-size'],
    arity: 'value',
    key: 'jobs',
    place: 'run',
    pipe: '--jobs',
    help: 'tasks run at once',
  },
  { names: ['-offline'], arity: 'flag', key: 'offline', place: 'run', help: 'accepted: pipe never pulls a pipeline' },
  {
    names: ['-N', '-with-notification'],
    arity: 'optional',
    key: 'notify',
    place: 'run',
    help: 'e-mail RECIPIENTS when the run ends (through sendmail)',
  },
  {
    names: ['-bg'],
    arity: 'flag',
    key: 'background',
    place: 'both',
    help: 'run in the background, logging to .pipe/run.log',
  },
  {
    names: ['-q', '-quiet'],
    arity: 'flag',
    key: 'quiet',
    place: 'both',
    pipe: '--quiet',
    help: 'print only errors and the final summary',
  },
  { names: ['-h', '-help'], arity: 'flag', key: 'help', place: 'both', help: 'print the options of a .nf run' },
  {
    names: ['-jobs', '-j'],
    arity: 'value',
    key: 'jobs',
    place: 'run',
    pipe: '--jobs',
    extra: true,
    help: 'tasks run at once (as -queue-size)',
  },
  {
    names: ['-backend'],
    arity: 'value',
    key: 'backend',
    place: 'run',
    pipe: '--backend',
    extra: true,
    help: 'where tasks run: local, slurm, pbs or pilot',
  },
  {
    names: ['-backend-opt'],
    arity: 'list',
    key: 'backendOpt',
    place: 'run',
    pipe: '--backend-opt',
    extra: true,
    help: 'a backend option KEY=VALUE (repeatable)',
  },
  {
    names: ['-agents'],
    arity: 'value',
    key: 'agents',
    place: 'run',
    pipe: '--agents',
    extra: true,
    help: 'pilot agents: local:N, slurm:N, pbs:N, PLACE:MIN-MAX or none',
  },
  {
    names: ['-retries'],
    arity: 'value',
    key: 'retries',
    place: 'run',
    pipe: '--retries',
    extra: true,
    help: 'attempts after a failed one, per task',
  },
  {
    names: ['-retry-delay'],
    arity: 'value',
    key: 'retryDelay',
    place: 'run',
    pipe: '--retry-delay',
    extra: true,
    help: 'first delay before a retry in ms',
  },
  {
    names: ['-keep-going', '-k'],
    arity: 'flag',
    key: 'keepGoing',
    place: 'run',
    pipe: '--keep-going',
    extra: true,
    help: 'run all that does not depend on a failed task',
  },
  {
    names: ['-tui'],
    arity: 'flag',
    key: 'tui',
    place: 'run',
    pipe: '--tui',
    extra: true,
    help: 'show the live view even when stderr is not a terminal',
  },
  {
    names: ['-plain'],
    arity: 'flag',
    key: 'plain',
    place: 'run',
    pipe: '--plain',
    extra: true,
    help: 'plain progress lines (as -ansi-log false)',
  },
  {
    names: ['-log-format'],
    arity: 'value',
    key: 'logFormat',
    place: 'run',
    pipe: '--log-format',
    extra: true,
    help: 'progress output: plain or json',
  },
  {
    names: ['-progress-interval'],
    arity: 'value',
    key: 'progressInterval',
    place: 'run',
    pipe: '--progress-interval',
    extra: true,
    help: 'seconds between progress lines',
  },
];

export const NF_UNSUPPORTED: readonly NfUnsupported[] = [
  { names: ['-lib'], reason: 'pipe loads no Groovy/Java libraries' },
  { names: ['-cache'], reason: 'pipe reuses tasks only with -resume; leave -resume out to run everything' },
  {
    names: ['-ps', '-pool-size', '-pi', '-poll-interval'],
    reason: "pipe's scheduler has no thread pool or poll interval to set",
  },
  { names: ['-test'], reason: 'pipe does not run script functions as tests' },
  {
    names: ['-bucket-dir', '-with-cloudcache', '-with-fusion', '-with-wave', '-with-tower', '-with-weblog'],
    reason: 'pipe has no cloud storage or Seqera service',
  },
  { names: ['-E'], reason: 'pipe tasks already see the environment of the run' },
  {
    names: ['-r', '-revision', '-d', '-deep', '-latest', '-main-script', '-hub', '-user'],
    reason: 'pipe runs local .nf files, not projects from a repository',
  },
  { names: ['-plugins'], reason: 'pipe loads no Nextflow plugins (nf-schema is built in)' },
  { names: ['-disable-jobs-cancellation'], reason: 'pipe always cancels its jobs when it stops' },
  {
    names: ['-with-charliecloud', '-with-singularity', '-with-apptainer'],
    reason: 'only podman is installed here; use -with-podman or -with-docker',
  },
  {
    names: ['-with-conda', '-without-conda', '-with-spack', '-without-spack'],
    reason: 'pipe does not create conda or spack environments',
  },
  { names: ['-with-mpi', '-with-agent-trace'], reason: 'not available in pipe' },
  { names: ['-dump-channels'], reason: 'pipe does not dump channels' },
  { names: ['-C'], reason: 'pipe always reads nextflow.config; add files with -c' },
  {
    names: ['-log', '-trace', '-syslog', '-debug', '-remote-debug', '-self-update'],
    reason: "these change Nextflow's own logging or installation",
  },
];

// Prefixes of Nextflow's dynamic options that pipe does not honour (`-process.x`, `-executor.x` are read by
// parse-args.ts as config settings).
export const NF_UNSUPPORTED_PREFIXES: readonly NfUnsupported[] = [
  { names: ['-e.'], reason: 'set task environment variables with `env` in a config file given with -c' },
];

// The option spelled `name`, if pipe knows it.
export function findNfOption(name: string): NfOption | undefined {
  return NF_OPTIONS.find((option) => option.names.includes(name));
}

// Why pipe rejects the Nextflow option `name`, if Nextflow has it.
export function unsupportedNfOption(name: string): string | undefined {
  const exact = NF_UNSUPPORTED.find((option) => option.names.includes(name));
  if (exact !== undefined) return exact.reason;
  return NF_UNSUPPORTED_PREFIXES.find((option) => option.names.some((prefix) => name.startsWith(prefix)))?.reason;
}

// Every spelling pipe accepts, for "did you mean" hints.
export const NF_OPTION_NAMES: readonly string[] = NF_OPTIONS.flatMap((option) => option.names);
