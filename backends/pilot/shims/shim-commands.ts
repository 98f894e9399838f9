// What each shim command does, given a request from its script: submit (sbatch, qsub), list (squeue, qstat,
// scontrol show job), cancel (scancel, qdel). Pure over a job book and a pilot port, so tests drive it directly.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { NewTask } from '../protocol/messages.js';
import { formatJobId, parseJobRef } from './job-ids.js';
import { JobRequestError, type JobRequest } from './job-request.js';
import { jobTasks, outputFiles, type Submission } from './job-tasks.js';
import { qstat } from './pbs-status.js';
import { parseQsub, qsubScriptPath } from './qsub.js';
import { parseSbatch, sbatchScriptPath } from './sbatch.js';
import type { JobBook, ShimJob } from './shim-jobs.js';
import { scontrolShowJob, squeue } from './slurm-status.js';

export const SHIM_COMMANDS = ['sbatch', 'squeue', 'scontrol', 'scancel', 'qsub', 'qstat', 'qdel'] as const;
export type ShimCommand = (typeof SHIM_COMMANDS)[number];

export interface ShimRequest {
  readonly command: ShimCommand;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly stdin?: string | undefined; // the script, once asked for
  readonly jobId?: number | undefined; // a spooled submission's id, claimed by its script (spool.ts)
}

export type ShimAnswer =
  | { readonly kind: 'done'; readonly code: number; readonly stdout: string; readonly stderr: string }
  | { readonly kind: 'stdin' }; // the script comes from stdin: send it

// What the commands act through: the pilot (queue and cancel tasks) and where job ids come from.
export interface ShimPort {
  submit(tasks: readonly NewTask[]): Promise<string[]>;
  cancel(pilotIds: readonly string[]): Promise<void>;
  nextJobIds(count: number): number; // the first of `count` new job ids
  readonly stateDir: string; // scripts read from stdin are kept under it
  readonly user: string;
}

const done = (code: number, stdout: string, stderr = ''): ShimAnswer => ({ kind: 'done', code, stdout, stderr });

// Answers one request.
export async function runShimCommand(request: ShimRequest, book: JobBook, port: ShimPort): Promise<ShimAnswer> {
  try {
    switch (request.command) {
      case 'sbatch':
      case 'qsub':
        return await submit(request, book, port);
      case 'squeue':
        return done(0, squeue(request.args, book.list(), book.stateOf, port.user, Date.now()));
      case 'qstat':
        return done(0, qstat(request.args, book.list(), book.stateOf, Date.now()));
      case 'scontrol':
        return scontrol(request.args, book);
      case 'scancel':
      case 'qdel':
        return await cancel(request, book, port);
      default: {
        const never: never = request.command;
        return done(2, '', `unknown command ${String(never)}\n`);
      }
    }
  } catch (error) {
    if (error instanceof JobRequestError) return done(1, '', `${error.message}\n`);
    throw error;
  }
}

// sbatch and qsub: read the request (asking for stdin when the script comes from there), queue its tasks, print
// the id.
async function submit(request: ShimRequest, book: JobBook, port: ShimPort): Promise<ShimAnswer> {
  const slurm = request.command === 'sbatch';
  const needs = slurm ? sbatchScriptPath(request.args) : qsubScriptPath(request.args);
  if ('error' in needs) return done(1, '', `${request.command}: ${needs.error}\n`);
  const fromStdin = needs.path === undefined && !('wrap' in needs && needs.wrap);
  if (fromStdin && request.stdin === undefined) return { kind: 'stdin' };
  const readFile = (path: string): string => readFileSync(path, 'utf8');
  const parsed: JobRequest = slurm
    ? parseSbatch({ args: request.args, cwd: request.cwd, readFile, stdin: request.stdin })
    : parseQsub({
        args: request.args,
        cwd: request.cwd,
        home: request.env.HOME ?? homedir(),
        readFile,
        stdin: request.stdin,
      });
  const count = parsed.array?.length ?? 1;
  const job = request.jobId ?? port.nextJobIds(count);
  let scriptFile = parsed.scriptPath;
  if (scriptFile === undefined) {
    const dir = join(port.stateDir, 'scripts');
    mkdirSync(dir, { recursive: true });
    scriptFile = join(dir, `${job}.sh`);
    writeFileSync(scriptFile, parsed.script, { mode: 0o700 });
  }
  const submission: Submission = {
    request: parsed,
    job,
    scriptFile,
    submitDir: request.cwd,
    user: port.user,
    env: request.env,
  };
  const tasks = jobTasks(submission);
  const outputs = (parsed.array ?? [undefined]).map((index) => outputFiles(submission, index).out);
  const jobs = book.add(parsed, job, outputs, port.user, request.cwd, Date.now());
  // The job is the gateway's from here (its id is the gateway's own): the answer does not wait for the queue's
  // commit, and a job the pilot could not take ends failed, as a job Slurm could not start does.
  port.submit(tasks).then(
    (ids) => jobs.forEach((j, i) => book.bind(j, ids[i]!)),
    (error: Error) => jobs.forEach((j) => book.unqueued(j, error.message)),
  );
  const id = formatJobId(parsed.flavour, job, undefined, parsed.array !== undefined);
  if (parsed.print === 'nothing') return done(0, '');
  if (!slurm || parsed.print === 'id') return done(0, `${id}\n`);
  return done(0, `Submitted batch job ${id}\n`);
}

// A spooled submission the gateway could not take (its script already printed its id): the job is listed as
// failed, with the reason, as a job Slurm could not start.
export function bookSpoolFailure(request: ShimRequest, job: number, book: JobBook, user: string, reason: string): void {
  const script = request.args[request.args.length - 1] ?? '';
  const parsed: JobRequest = {
    flavour: request.command === 'qsub' ? 'pbs' : 'slurm',
    name: script.slice(script.lastIndexOf('/') + 1),
    script: '',
    scriptArgs: [],
    workDir: request.cwd,
    exportEnv: 'all',
    extraEnv: {},
    print: 'default',
    ignored: [],
  };
  for (const j of book.add(parsed, job, [''], user, request.cwd, Date.now())) book.unqueued(j, reason);
}

// scancel and qdel: the ids given (and with scancel -u/-n, the jobs of that user or name) are cancelled.
async function cancel(request: ShimRequest, book: JobBook, port: ShimPort): Promise<ShimAnswer> {
  const words: string[] = [];
  let user: string | undefined;
  let name: string | undefined;
  for (let i = 0; i < request.args.length; i++) {
    const arg = request.args[i]!;
    if (request.command === 'scancel' && (arg === '-u' || arg === '--user')) user = request.args[++i];
    else if (request.command === 'scancel' && arg.startsWith('--user=')) user = arg.slice(7);
    else if (request.command === 'scancel' && (arg === '-n' || arg === '--name' || arg === '--jobname'))
      name = request.args[++i];
    else if (request.command === 'scancel' && arg.startsWith('--name=')) name = arg.slice(7);
    else if (arg === '-q' || arg === '--quiet' || arg === '-W' || arg === 'force' || arg === '-x') continue;
    else if (arg.startsWith('-'))
      return done(1, '', `${request.command}: option ${arg} is not supported by pipe's ${request.command}\n`);
    else words.push(arg);
  }
  const targets: ShimJob[] = [];
  const errors: string[] = [];
  for (const word of words) {
    const ref = parseJobRef(word);
    const found = ref === undefined ? [] : book.find(ref);
    if (found.length === 0) errors.push(unknownJob(request.command, word));
    targets.push(...found);
  }
  if (user !== undefined || name !== undefined) {
    for (const job of book.list()) {
      if ((user === undefined || job.user === user) && (name === undefined || job.name === name)) targets.push(job);
    }
  }
  const live = targets.filter((j) => j.ended === undefined && j.pilotId !== undefined).map((j) => j.pilotId!);
  if (live.length > 0) await port.cancel([...new Set(live)]);
  return done(errors.length === 0 ? 0 : request.command === 'qdel' ? 153 : 1, '', errors.join(''));
}

// The message a real command prints for an id it does not know.
function unknownJob(command: string, word: string): string {
  return command === 'qdel'
    ? `qdel: Unknown Job Id ${word}\n`
    : `scancel: error: Kill job error on job id ${word}: Invalid job id specified\n`;
}

// scontrol: `show job [ID]` only.
function scontrol(args: readonly string[], book: JobBook): ShimAnswer {
  const words = args.filter((a) => !a.startsWith('-'));
  if (words[0] !== 'show' || (words[1] !== 'job' && words[1] !== 'jobs'))
    return done(1, '', `scontrol: "${args.join(' ')}" is not supported by pipe's scontrol (only \`show job [ID]\`)\n`);
  const ref = words[2] === undefined ? undefined : parseJobRef(words[2]);
  if (words[2] !== undefined && ref === undefined)
    return done(1, '', `slurm_load_jobs error: Invalid job id specified\n`);
  const jobs = ref === undefined ? book.list() : book.find(ref);
  if (ref !== undefined && jobs.length === 0) return done(1, '', 'slurm_load_jobs error: Invalid job id specified\n');
  return done(0, jobs.length === 0 ? 'No jobs in the system\n' : scontrolShowJob(jobs, book.stateOf, Date.now()));
}
