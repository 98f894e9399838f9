// `squeue` and `scontrol show job` over the shims' jobs: Slurm's state codes and output formats
// (https://slurm.schedmd.com/squeue.html).
import { getopt, type OptionSpec } from './getopt.js';
import { JobRequestError } from './job-request.js';
import { parseJobRef } from './job-ids.js';
import { JobState, type ShimJob } from './shim-jobs.js';

// Slurm's compact and long state names for each state of a shim job
// (https://slurm.schedmd.com/squeue.html#SECTION_JOB-STATE-CODES).
export const SLURM_STATES: Readonly<Record<JobState, { code: string; long: string }>> = {
  pending: { code: 'PD', long: 'PENDING' },
  running: { code: 'R', long: 'RUNNING' },
  completing: { code: 'CG', long: 'COMPLETING' }, // ended; its .exitcode is not visible yet
  completed: { code: 'CD', long: 'COMPLETED' },
  failed: { code: 'F', long: 'FAILED' },
  cancelled: { code: 'CA', long: 'CANCELLED' },
  timeout: { code: 'TO', long: 'TIMEOUT' },
};

// squeue's default listing: pending, running and completing jobs.
const DEFAULT_STATES = new Set<JobState>([JobState.Pending, JobState.Running, JobState.Completing]);
const DEFAULT_FORMAT = '%.18i %.9P %.8j %.8u %.2t %.10M %.6D %R';

const SQUEUE_OPTIONS: readonly OptionSpec[] = [
  { short: 'h', long: 'noheader', arg: 'none', key: 'noheader' },
  { short: 'o', long: 'format', arg: 'required', key: 'format' },
  { short: 't', long: 'states', arg: 'required', key: 'states' },
  { short: 'u', long: 'user', arg: 'required', key: 'user' },
  { long: 'me', arg: 'none', key: 'me' },
  { short: 'j', long: 'jobs', arg: 'required', key: 'jobs' },
  { short: 'p', long: 'partition', arg: 'required', key: 'partition' },
  { short: 'n', long: 'name', arg: 'required', key: 'name' },
  { long: 'only-job-state', arg: 'none', key: 'tolerated' },
  { short: 'a', long: 'all', arg: 'none', key: 'tolerated' },
  { short: 'r', long: 'array', arg: 'none', key: 'tolerated' },
  { short: 'l', long: 'long', arg: 'none', key: 'tolerated' },
  { short: 'M', long: 'clusters', arg: 'required', key: 'tolerated' },
];

// The two-digit-or-more clock Slurm prints for durations: [days-]hours:minutes:seconds, or minutes:seconds.
export function formatSlurmDuration(ms: number | undefined): string {
  if (ms === undefined) return 'UNLIMITED';
  const total = Math.max(0, Math.floor(ms / 1000));
  const [d, h, m, s] = [
    Math.floor(total / 86_400),
    Math.floor(total / 3600) % 24,
    Math.floor(total / 60) % 60,
    total % 60,
  ];
  const two = (n: number): string => String(n).padStart(2, '0');
  if (d > 0) return `${d}-${two(h)}:${two(m)}:${two(s)}`;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

// The value of one squeue field (%i, %t, …) for a job.
function field(symbol: string, job: ShimJob, state: JobState, now: number): string {
  const used = job.startedAt === undefined ? 0 : (job.endedAt ?? now) - job.startedAt;
  switch (symbol) {
    case 'i':
      return job.id;
    case 'A':
      return String(job.job);
    case 'F':
      return String(job.job);
    case 'K':
      return job.index === undefined ? 'N/A' : String(job.index);
    case 't':
      return SLURM_STATES[state].code;
    case 'T':
      return SLURM_STATES[state].long;
    case 'j':
      return job.name;
    case 'u':
      return job.user;
    case 'P':
      return job.queue ?? 'pipe';
    case 'a':
      return job.account ?? '(null)';
    case 'M':
      return formatSlurmDuration(used);
    case 'l':
      return formatSlurmDuration(job.timeLimitMs);
    case 'C':
      return String(job.cpus);
    case 'D':
      return '1';
    case 'N':
      return job.host ?? '';
    case 'R':
      return state === JobState.Pending ? '(None)' : (job.host ?? 'pipe');
    case 'r':
      return 'None';
    case 'Z':
      return job.workDir;
    case 'o':
      return job.output;
    default:
      throw new JobRequestError(`squeue: error: format %${symbol} is not supported by pipe's squeue`);
  }
}

// Renders a format such as '%i %t' or '%.18i %.9P' (a width pads; with `.` on the left, as squeue does).
function render(format: string, values: (symbol: string) => string): string {
  return format.replace(/%(\.)?(\d*)([A-Za-z%])/g, (_, right: string | undefined, width: string, symbol: string) => {
    if (symbol === '%') return '%';
    const value = values(symbol);
    if (width === '') return value;
    const w = Number(width);
    const cut = value.length > w ? value.slice(0, w) : value;
    return right === undefined ? cut.padEnd(w) : cut.padStart(w);
  });
}

const HEADERS: Readonly<Record<string, string>> = {
  i: 'JOBID',
  A: 'JOBID',
  F: 'ARRAY_JOB_ID',
  K: 'ARRAY_TASK_ID',
  t: 'ST',
  T: 'STATE',
  j: 'NAME',
  u: 'USER',
  P: 'PARTITION',
  a: 'ACCOUNT',
  M: 'TIME',
  l: 'TIME_LIMIT',
  C: 'CPUS',
  D: 'NODES',
  N: 'NODELIST',
  R: 'NODELIST(REASON)',
  r: 'REASON',
  Z: 'WORK_DIR',
  o: 'COMMAND',
};

// The states a -t list names (codes or long names, `all`); undefined for all.
function statesOf(list: string): Set<JobState> | undefined {
  if (list.toLowerCase() === 'all') return undefined;
  const wanted = new Set<JobState>();
  for (const word of list.split(',')) {
    const found = (Object.entries(SLURM_STATES) as [JobState, { code: string; long: string }][]).find(
      ([, s]) => s.code === word.toUpperCase() || s.long === word.toUpperCase(),
    );
    if (found !== undefined) wanted.add(found[0]);
    else if (!/^[A-Z_]+$/i.test(word)) throw new JobRequestError(`squeue: error: Invalid job state specified: ${word}`);
  }
  return wanted;
}

// `squeue ARGS` over the jobs; `stateOf` gives each job's state now.
export function squeue(
  args: readonly string[],
  jobs: readonly ShimJob[],
  stateOf: (job: ShimJob) => JobState,
  me: string,
  now: number,
): string {
  const parsed = getopt(args, SQUEUE_OPTIONS);
  if (!parsed.ok) throw new JobRequestError(`squeue: ${parsed.message}`);
  if (parsed.rest.length > 0) throw new JobRequestError(`squeue: error: Unrecognized option: ${parsed.rest[0]}`);
  const value = (key: string): string | undefined => parsed.options.filter((o) => o.key === key).at(-1)?.value;
  const states = value('states') === undefined ? DEFAULT_STATES : statesOf(value('states')!);
  const users = new Set((value('user') ?? '').split(',').filter((u) => u !== ''));
  if (parsed.options.some((o) => o.key === 'me')) users.add(me);
  const partitions = new Set((value('partition') ?? '').split(',').filter((p) => p !== ''));
  const names = new Set((value('name') ?? '').split(',').filter((n) => n !== ''));
  const ids = (value('jobs') ?? '').split(',').filter((j) => j !== '');
  const refs = ids.map((id) => parseJobRef(id));
  const format = value('format') ?? DEFAULT_FORMAT;
  const lines: string[] = [];
  if (!parsed.options.some((o) => o.key === 'noheader')) lines.push(render(format, (s) => HEADERS[s] ?? s));
  for (const job of jobs) {
    const state = stateOf(job);
    if (states !== undefined && !states.has(state) && ids.length === 0) continue;
    if (users.size > 0 && !users.has(job.user)) continue;
    if (partitions.size > 0 && !partitions.has(job.queue ?? 'pipe')) continue;
    if (names.size > 0 && !names.has(job.name)) continue;
    if (refs.length > 0 && !refs.some((r) => r?.job === job.job && (r.index === undefined || r.index === job.index)))
      continue;
    lines.push(render(format, (s) => field(s, job, state, now)));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

// `scontrol show job [ID]`: one block of Key=Value pairs per job.
export function scontrolShowJob(jobs: readonly ShimJob[], stateOf: (job: ShimJob) => JobState, now: number): string {
  return jobs
    .map((job) => {
      const state = stateOf(job);
      const pairs = [
        `JobId=${job.index === undefined ? job.job : job.job + job.index} JobName=${job.name}`,
        ...(job.index === undefined ? [] : [`ArrayJobId=${job.job} ArrayTaskId=${job.index}`]),
        `UserId=${job.user} Account=${job.account ?? '(null)'}`,
        `JobState=${SLURM_STATES[state].long} Reason=${job.reason ?? 'None'} ExitCode=${job.exitCode ?? 0}:0`,
        `RunTime=${formatSlurmDuration(job.startedAt === undefined ? 0 : (job.endedAt ?? now) - job.startedAt)} TimeLimit=${formatSlurmDuration(job.timeLimitMs)}`,
        `SubmitTime=${isoSeconds(job.submittedAt)} StartTime=${isoSeconds(job.startedAt)} EndTime=${isoSeconds(job.endedAt)}`,
        `Partition=${job.queue ?? 'pipe'} NodeList=${job.host ?? '(null)'}`,
        `NumNodes=1 NumCPUs=${job.cpus} NumTasks=1 CPUs/Task=${job.cpus}`,
        `MinMemoryNode=${job.memoryBytes === undefined ? 0 : `${Math.ceil(job.memoryBytes / 1024 ** 2)}M`}`,
        `WorkDir=${job.workDir}`,
        `StdOut=${job.output}`,
      ];
      return `${pairs
        .map((p) => `   ${p}`)
        .join('\n')
        .trimStart()}\n`;
    })
    .join('\n');
}

// A time as scontrol prints it (local, to the second), or Unknown.
function isoSeconds(at: number | undefined): string {
  if (at === undefined) return 'Unknown';
  const d = new Date(at);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
