// `qstat` over the shims' jobs, as Torque and PBS Pro print it: the default table, `-f` (full: `Job Id:` then
// `attribute = value` lines; `-1` keeps each on one line, which the shims always do), `-B` (the server), `-x`
// (finished jobs too), `-t` (array elements; always shown). PBS Reference Guide, qstat and "Job states".
import { hostname } from 'node:os';
import { getopt, type OptionSpec } from './getopt.js';
import { PBS_SERVER, parseJobRef, type JobRef } from './job-ids.js';
import { JobRequestError } from './job-request.js';
import { JobState, type ShimJob } from './shim-jobs.js';

// PBS job states: Q queued, R running, E exiting (ended, .exitcode not visible yet), F finished (PBS Pro; shown with
// -x). Nextflow's PBS Pro table reads E as still running and F as done.
export const PBS_STATES: Readonly<Record<JobState, string>> = {
  pending: 'Q',
  running: 'R',
  completing: 'E',
  completed: 'F',
  failed: 'F',
  cancelled: 'F',
  timeout: 'F',
};

const QSTAT_OPTIONS: readonly OptionSpec[] = [
  { short: 'f', arg: 'none', key: 'f' },
  { short: '1', arg: 'none', key: 'tolerated' },
  { short: 'B', arg: 'none', key: 'B' },
  { short: 'x', arg: 'none', key: 'x' },
  { short: 'H', arg: 'none', key: 'x' },
  { short: 't', arg: 'none', key: 'tolerated' },
  { short: 'J', arg: 'none', key: 'tolerated' },
  { short: 'w', arg: 'none', key: 'tolerated' },
  { short: 'a', arg: 'none', key: 'tolerated' },
  { short: 'u', arg: 'required', key: 'u' },
  { short: 'F', arg: 'required', key: 'F' },
];

// A duration as hh:mm:ss.
function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.floor(total / 3600))}:${two(Math.floor(total / 60) % 60)}:${two(total % 60)}`;
}

// A job's `qstat -f` block.
function fullBlock(job: ShimJob, state: JobState, now: number): string {
  const attrs: [string, string | undefined][] = [
    ['Job_Name', job.name],
    ['Job_Owner', `${job.user}@${hostname()}`],
    ['job_state', PBS_STATES[state]],
    ['queue', job.queue ?? 'batch'],
    ['server', PBS_SERVER],
    ['ctime', new Date(job.submittedAt).toString().slice(0, 24)],
    ['stime', job.startedAt === undefined ? undefined : new Date(job.startedAt).toString().slice(0, 24)],
    ['exec_host', job.host === undefined ? undefined : `${job.host}/0`],
    ['Output_Path', `${hostname()}:${job.output}`],
    ['Resource_List.ncpus', String(job.cpus)],
    ['Resource_List.mem', job.memoryBytes === undefined ? undefined : `${Math.ceil(job.memoryBytes / 1024)}kb`],
    ['Resource_List.walltime', job.timeLimitMs === undefined ? undefined : clock(job.timeLimitMs)],
    ['resources_used.walltime', job.startedAt === undefined ? undefined : clock((job.endedAt ?? now) - job.startedAt)],
    ['array_index', job.index === undefined ? undefined : String(job.index)],
    ['Exit_status', job.endedAt === undefined || job.exitCode === undefined ? undefined : String(job.exitCode ?? -1)],
    ['Variable_List', `PBS_O_WORKDIR=${job.submitDir}`],
  ];
  const lines = attrs.filter(([, v]) => v !== undefined).map(([k, v]) => `    ${k} = ${v}`);
  return `Job Id: ${job.id}\n${lines.join('\n')}\n`;
}

// The default table: Job ID, Name, User, Time Use, S, Queue.
function table(jobs: readonly ShimJob[], stateOf: (job: ShimJob) => JobState, now: number): string {
  const rows = jobs.map((job) => {
    const used = job.startedAt === undefined ? 0 : (job.endedAt ?? now) - job.startedAt;
    const state = stateOf(job);
    return `${job.id.padEnd(24).slice(0, 24)} ${job.name.padEnd(16).slice(0, 16)} ${job.user.padEnd(15).slice(0, 15)} ${clock(used).padStart(8)} ${PBS_STATES[state]} ${job.queue ?? 'batch'}`;
  });
  if (rows.length === 0) return '';
  const header = `${'Job ID'.padEnd(24)} ${'Name'.padEnd(16)} ${'User'.padEnd(15)} ${'Time Use'.padStart(8)} S Queue`;
  const rule = `${'-'.repeat(24)} ${'-'.repeat(16)} ${'-'.repeat(15)} ${'-'.repeat(8)} - -----`;
  return `${header}\n${rule}\n${rows.join('\n')}\n`;
}

// `qstat -B -f`: the server's status.
function serverStatus(jobs: readonly ShimJob[], stateOf: (job: ShimJob) => JobState, full: boolean): string {
  const states = jobs.map(stateOf);
  const count = (s: JobState): number => states.filter((x) => x === s).length;
  if (!full) return `Server: ${PBS_SERVER}\n`;
  return [
    `Server: ${PBS_SERVER}`,
    '    server_state = Active',
    `    server_host = ${hostname()}`,
    '    default_queue = batch',
    `    total_jobs = ${jobs.length}`,
    `    state_count = Transit:0 Queued:${count(JobState.Pending)} Held:0 Waiting:0 Running:${count(JobState.Running)} Exiting:${count(JobState.Completing)} Begun:0`,
    '    pbs_version = pipe',
    '',
  ].join('\n');
}

// `qstat ARGS` over the jobs: jobs still queued, running or exiting, and with -x finished ones too.
export function qstat(
  args: readonly string[],
  jobs: readonly ShimJob[],
  stateOf: (job: ShimJob) => JobState,
  now: number,
): string {
  const parsed = getopt(args, QSTAT_OPTIONS);
  if (!parsed.ok) throw new JobRequestError(`qstat: ${parsed.message}`);
  const has = (key: string): boolean => parsed.options.some((o) => o.key === key);
  if (has('F')) throw new JobRequestError("qstat: -F is not supported by pipe's qstat; use -f");
  if (has('B')) return serverStatus(jobs, stateOf, has('f'));
  const user = parsed.options.find((o) => o.key === 'u')?.value;
  const refs: JobRef[] = [];
  for (const word of parsed.rest) {
    if (word.startsWith('@')) continue; // a server: this one holds them all
    const ref = parseJobRef(word);
    if (ref === undefined) throw new JobRequestError(`qstat: illegally formed job identifier: ${word}`);
    refs.push(ref);
  }
  const shown = jobs.filter((job) => {
    if (user !== undefined && !user.split(',').some((u) => u.split('@')[0] === job.user)) return false;
    if (refs.length > 0) return refs.some((r) => r.job === job.job && (r.index === undefined || r.index === job.index));
    return has('x') || PBS_STATES[stateOf(job)] !== 'F';
  });
  if (!has('f')) return table(shown, stateOf, now);
  return shown.map((job) => fullBlock(job, stateOf(job), now)).join('\n');
}
