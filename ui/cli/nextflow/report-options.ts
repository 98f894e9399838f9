// `nextflow run`'s options that say what a run reports: trace, report, timeline, DAG, monitoring, cache-key dumps,
// the progress display and the e-mail sent when it ends.
import type { NfOption } from './option-types.js';

export const NF_REPORT_OPTIONS: readonly NfOption[] = [
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
    names: ['-N', '-with-notification'],
    arity: 'optional',
    key: 'notify',
    place: 'run',
    help: "e-mail RECIPIENTS (none: the config's notification.to) when the run ends, through sendmail",
  },
];
