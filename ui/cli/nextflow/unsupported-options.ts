// Nextflow options pipe does not honour, each with the reason given when one is used.
import type { NfUnsupported } from './option-types.js';

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
