// A job request as pilot tasks: one per array element, each a light task that runs the script with its
// interpreter, in the job's working directory, output to the job's files, with the scheduler's variables set.
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { shellQuote } from '../../../engine/workdir/shell-quote.js';
import type { NewTask } from '../protocol/messages.js';
import { formatJobId } from './job-ids.js';
import { expandOutputPattern, JobRequestError, type JobRequest } from './job-request.js';

export interface Submission {
  readonly request: JobRequest;
  readonly job: number; // the job id (an array's id; its elements are job_i)
  readonly scriptFile: string; // the script on disk: the named file, or a copy of stdin / --wrap
  readonly submitDir: string;
  readonly user: string;
  readonly env: Readonly<Record<string, string>>; // the submitter's environment
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Variables a job never takes from its submitter: the shell's own, and pipe's shims' gateway.
const NOT_EXPORTED = new Set(['PWD', 'OLDPWD', 'SHLVL', '_', 'PIPE_SHIMS_STATE']);

// The interpreter of a script's `#!` line as argument words (`#!/usr/bin/env bash` → /usr/bin/env bash).
export function interpreterOf(script: string): string[] {
  const line = script.slice(2, script.indexOf('\n') < 0 ? undefined : script.indexOf('\n')).trim();
  const words = line.split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) throw new JobRequestError('error: the script has no interpreter on its #! line');
  return words;
}

// The submitter's variables the job sees.
function exportedEnv(submission: Submission): Record<string, string> {
  const { exportEnv, flavour } = submission.request;
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(submission.env)) {
    if (!ENV_NAME.test(name) || NOT_EXPORTED.has(name)) continue;
    const scheduler = flavour === 'slurm' ? name.startsWith('SLURM_') : name.startsWith('PBS_');
    if (exportEnv === 'all' || (exportEnv !== 'none' && exportEnv.includes(name)) || scheduler) env[name] = value;
  }
  return { ...env, ...submission.request.extraEnv };
}

// The variables Slurm or PBS sets in a job (https://slurm.schedmd.com/sbatch.html#SECTION_OUTPUT-ENVIRONMENT-VARIABLES;
// PBS Reference Guide, "PBS environment variables").
function schedulerEnv(submission: Submission, index: number | undefined): Record<string, string> {
  const { request, job, submitDir } = submission;
  const isArray = request.array !== undefined;
  const id = formatJobId(request.flavour, job, index, isArray);
  const cpus = String(request.cpus ?? 1);
  if (request.flavour === 'slurm') {
    const env: Record<string, string> = {
      SLURM_JOB_ID: String(job + (index === undefined ? 0 : request.array!.indexOf(index))),
      SLURM_JOB_NAME: request.name,
      SLURM_SUBMIT_DIR: submitDir,
      SLURM_SUBMIT_HOST: hostname(),
      SLURM_CLUSTER_NAME: 'pipe',
      SLURM_JOB_PARTITION: request.queue ?? 'pipe',
      SLURM_CPUS_ON_NODE: cpus,
      SLURM_JOB_CPUS_PER_NODE: cpus,
      SLURM_NTASKS: '1',
      SLURM_JOB_NUM_NODES: '1',
    };
    env.SLURM_JOBID = env.SLURM_JOB_ID!;
    if (request.cpus !== undefined) env.SLURM_CPUS_PER_TASK = cpus;
    if (request.memoryBytes !== undefined) env.SLURM_MEM_PER_NODE = String(Math.ceil(request.memoryBytes / 1024 ** 2));
    if (request.account !== undefined) env.SLURM_JOB_ACCOUNT = request.account;
    if (index !== undefined) {
      env.SLURM_ARRAY_JOB_ID = String(job);
      env.SLURM_ARRAY_TASK_ID = String(index);
      env.SLURM_ARRAY_TASK_COUNT = String(request.array!.length);
      env.SLURM_ARRAY_TASK_MIN = String(request.array![0]);
      env.SLURM_ARRAY_TASK_MAX = String(request.array![request.array!.length - 1]);
    }
    return env;
  }
  const env: Record<string, string> = {
    PBS_JOBID: id,
    PBS_JOBNAME: request.name,
    PBS_O_WORKDIR: submitDir,
    PBS_O_HOST: hostname(),
    PBS_O_HOME: submission.env.HOME ?? '',
    PBS_O_PATH: submission.env.PATH ?? '',
    PBS_O_QUEUE: request.queue ?? 'batch',
    PBS_QUEUE: request.queue ?? 'batch',
    PBS_ENVIRONMENT: 'PBS_BATCH',
    PBS_NUM_PPN: cpus,
    NCPUS: cpus,
  };
  if (index !== undefined) {
    env.PBS_ARRAYID = String(index); // Torque
    env.PBS_ARRAY_INDEX = String(index); // PBS Pro
    env.PBS_ARRAY_ID = formatJobId('pbs', job, undefined, true);
  }
  return env;
}

// Where an element's stdout and stderr go (stderr undefined: joined with stdout).
export function outputFiles(submission: Submission, index: number | undefined): { out: string; err?: string } {
  const { request, job, user } = submission;
  const fields = { jobId: String(job), arrayJobId: String(job), index, name: request.name, user };
  if (request.flavour === 'slurm') {
    const pattern = request.output ?? (request.array === undefined ? 'slurm-%j.out' : 'slurm-%A_%a.out');
    const expand = (p: string): string => resolve(request.workDir, expandOutputPattern(p, fields));
    return { out: expand(pattern), err: request.error === undefined ? undefined : expand(request.error) };
  }
  const seq = index === undefined ? String(job) : `${job}-${index}`;
  const out = request.output ?? join(submission.submitDir, `${request.name}.o${seq}`);
  if (request.error === undefined) return { out };
  return { out, err: request.error === '' ? join(submission.submitDir, `${request.name}.e${seq}`) : request.error };
}

// The shell line that runs one element: the script under its interpreter, output redirected, and when the request
// asks for a warning signal, `timeout --foreground` sends it to the script (only: Slurm's `B:`) before the limit.
export function jobCommand(submission: Submission, index: number | undefined): string {
  const { request } = submission;
  const files = outputFiles(submission, index);
  const words = [...interpreterOf(request.script), submission.scriptFile, ...request.scriptArgs].map(shellQuote);
  const redirect = `>${shellQuote(files.out)} ${files.err === undefined ? '2>&1' : `2>${shellQuote(files.err)}`}`;
  const warning = request.warning;
  // The pilot task runs in the submission dir (its work dir in the pilot's store); a PBS job starts elsewhere.
  const cd = request.workDir === submission.submitDir ? '' : `cd -- ${shellQuote(request.workDir)} && `;
  if (warning !== undefined && request.timeLimitMs !== undefined) {
    const at = Math.max(1, Math.floor((request.timeLimitMs - warning.beforeMs) / 1000));
    return `${cd}exec timeout --foreground -s ${warning.name} ${at}s ${words.join(' ')} ${redirect}`;
  }
  return `${cd}exec ${words.join(' ')} ${redirect}`;
}

// The pilot tasks of a submission, in array order.
export function jobTasks(submission: Submission): NewTask[] {
  const { request } = submission;
  const indexes: readonly (number | undefined)[] = request.array ?? [undefined];
  const base = exportedEnv(submission);
  return indexes.map((index) => {
    const id = formatJobId(request.flavour, submission.job, index, request.array !== undefined);
    return {
      name: index === undefined ? request.name : `${request.name}[${index}]`,
      step: request.name,
      command: jobCommand(submission, index),
      light: true,
      workDir: submission.submitDir,
      cpus: request.cpus ?? 1,
      memoryBytes: request.memoryBytes,
      timeLimitMs: request.timeLimitMs,
      env: { ...base, ...schedulerEnv(submission, index) },
      tags: { via: request.flavour === 'slurm' ? 'sbatch' : 'qsub', job: id, user: submission.user },
    };
  });
}
