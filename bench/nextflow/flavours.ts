// Nextflow's grid executors as its source defines them (modules/nextflow/src/main/groovy/nextflow/executor/:
// SlurmExecutor, PbsExecutor, PbsProExecutor over AbstractGridExecutor): the directives each writes into the job
// script's header, the submit command line, how the job id is read from its output, the queue status command and
// its parser with the state table, and the kill command. Used by the replay of Nextflow's executor loop.

// Nextflow's view of a job in the queue (AbstractGridExecutor.QueueStatus).
export type QueueStatus = 'PENDING' | 'RUNNING' | 'HOLD' | 'ERROR' | 'DONE' | 'UNKNOWN';

export type FlavourName = 'slurm' | 'pbs' | 'pbspro';

// What a task asks for (TaskConfig: cpus, memory, time, queue, clusterOptions; executor.account).
export interface TaskConfig {
  readonly name: string; // the task's name, e.g. "hello (1)"
  readonly workDir: string;
  readonly cpus?: number | undefined;
  readonly memoryMb?: number | undefined;
  readonly timeSeconds?: number | undefined;
  readonly queue?: string | undefined;
  readonly clusterOptions?: string | undefined;
  readonly account?: string | undefined;
}

export interface Flavour {
  readonly name: FlavourName;
  readonly headerToken: string;
  directives(task: TaskConfig): string[]; // option/value pairs, '' for none
  submitCommand(task: TaskConfig, scriptFile: string): string[];
  parseJobId(text: string): string;
  queueStatusCommand(user: string): string[];
  parseQueueStatus(text: string): Map<string, QueueStatus>;
  readonly killCommand: readonly string[];
}

const INVALID_NAME_CHARS = new Set([' ', '/', ':', '@', '*', '?', '\n', '\t', '\r', '=']);

// AbstractGridExecutor.getJobNameFor: "nf-" + the name with unsafe characters as "_", at most 256 characters.
function jobName(task: TaskConfig): string {
  const name = `nf-${[...task.name].map((c) => (INVALID_NAME_CHARS.has(c) ? '_' : c)).join('')}`;
  return name.slice(0, 256);
}

// PbsExecutor.sanitizeJobName: no parentheses, at most 15 characters.
function pbsJobName(task: TaskConfig): string {
  return jobName(task).replaceAll('(', '').replaceAll(')', '').slice(0, 15);
}

// Duration.format('HH:mm:ss').
function hhmmss(seconds: number): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

// AbstractGridExecutor.quote(path): quoted when escaping changes it.
function quote(path: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(path) ? path : `"${path}"`;
}

// SlurmExecutor.STATUS_MAP (see http://slurm.schedmd.com/squeue.html#SECTION_JOB-STATE-CODES).
const SLURM_STATUS: Readonly<Record<string, QueueStatus>> = {
  PD: 'PENDING',
  R: 'RUNNING',
  CA: 'ERROR',
  CF: 'PENDING',
  CG: 'RUNNING',
  CD: 'DONE',
  F: 'ERROR',
  TO: 'ERROR',
  NF: 'ERROR',
  S: 'HOLD',
  ST: 'HOLD',
  PR: 'ERROR',
  BF: 'ERROR',
};

// PbsExecutor.DECODE_STATUS and PbsProExecutor.DECODE_STATUS (PBS Reference Guide table 8.1).
const PBS_STATUS: Readonly<Record<string, QueueStatus>> = {
  C: 'DONE',
  R: 'RUNNING',
  Q: 'PENDING',
  H: 'HOLD',
  S: 'HOLD',
};
const PBSPRO_STATUS: Readonly<Record<string, QueueStatus>> = {
  F: 'DONE',
  E: 'RUNNING',
  R: 'RUNNING',
  Q: 'PENDING',
  H: 'HOLD',
  S: 'HOLD',
  U: 'HOLD',
  W: 'HOLD',
  T: 'HOLD',
  M: 'HOLD',
};

// PbsExecutor.parseQueueStatus, line by line as it is written (every line puts the current id's status).
function parsePbsStatus(text: string, table: Readonly<Record<string, QueueStatus>>): Map<string, QueueStatus> {
  const result = new Map<string, QueueStatus>();
  const fetch = (prefix: string, line: string): string | undefined => {
    const p = line.indexOf(prefix);
    return p === -1 ? undefined : line.slice(p + prefix.length).trim();
  };
  let id: string | undefined;
  let status: string | undefined;
  for (const line of text.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1)) {
    if (line.startsWith('Job Id:')) id = fetch('Job Id:', line);
    else if (id !== undefined) status = fetch('job_state =', line);
    result.set(String(id), (status === undefined ? undefined : table[status]) ?? 'UNKNOWN');
  }
  return result;
}

const pbsGrep = (cmd: string): string[] => [
  'bash',
  '-c',
  `set -o pipefail; ${cmd} | { grep -E '(Job Id:|job_state =)' || true; }`,
];

export const FLAVOURS: Readonly<Record<FlavourName, Flavour>> = {
  slurm: {
    name: 'slurm',
    headerToken: '#SBATCH',
    directives(task) {
      const d = ['-J', jobName(task), '-o', quote(`${task.workDir}/.command.log`), '--no-requeue', ''];
      if (!/--signal[ =]/.test(task.clusterOptions ?? '')) d.push('--signal', 'B:USR2@30');
      if ((task.cpus ?? 1) > 1) d.push('-c', String(task.cpus));
      if (task.timeSeconds !== undefined) d.push('-t', hhmmss(task.timeSeconds));
      if (task.memoryMb !== undefined) d.push('--mem', `${task.memoryMb}M`);
      if (task.queue !== undefined) d.push('-p', task.queue);
      if (task.clusterOptions !== undefined) d.push(task.clusterOptions, '');
      if (task.account !== undefined) d.push('-A', task.account);
      return d;
    },
    submitCommand: (_task, scriptFile) => ['sbatch', scriptFile],
    parseJobId(text) {
      for (const line of text.split('\n')) {
        const m = /Submitted batch job (\d+)/.exec(line);
        if (m !== null) return m[1]!;
      }
      if (/^\d+$/.test(text.trim())) return text.trim();
      throw new Error(`Invalid SLURM submit response:\n${text}`);
    },
    queueStatusCommand: (user) => ['squeue', '--noheader', '-o', '%i %t', '-t', 'all', '-u', user],
    parseQueueStatus(text) {
      const result = new Map<string, QueueStatus>();
      for (const line of text.split('\n')) {
        const cols = line.split(/\s+/);
        if (cols.length === 2) result.set(cols[0]!, SLURM_STATUS[cols[1]!] ?? 'UNKNOWN');
      }
      return result;
    },
    killCommand: ['scancel'],
  },
  pbs: {
    name: 'pbs',
    headerToken: '#PBS',
    directives(task) {
      const d = ['-N', pbsJobName(task), '-o', quote(`${task.workDir}/.command.log`), '-j', 'oe'];
      if (task.queue !== undefined) d.push('-q', task.queue);
      if ((task.cpus ?? 1) > 1) d.push('-l', `nodes=1:ppn=${task.cpus}`);
      if (task.timeSeconds !== undefined) d.push('-l', `walltime=${hhmmss(task.timeSeconds)}`);
      if (task.memoryMb !== undefined) d.push('-l', `mem=${task.memoryMb}mb`);
      if (task.account !== undefined) d.push('-P', task.account);
      if (task.clusterOptions !== undefined) d.push(task.clusterOptions, '');
      return d;
    },
    submitCommand: (task, scriptFile) => ['qsub', '-N', pbsJobName(task), scriptFile],
    parseJobId(text) {
      const result = text.trim();
      if (result !== '' && !result.includes('\n')) return result;
      throw new Error(`Invalid PBS/Torque submit response:\n${text}`);
    },
    queueStatusCommand: () => pbsGrep('qstat -f -1'),
    parseQueueStatus: (text) => parsePbsStatus(text, PBS_STATUS),
    killCommand: ['qdel'],
  },
  pbspro: {
    name: 'pbspro',
    headerToken: '#PBS',
    directives(task) {
      const d: string[] = [];
      if (task.clusterOptions !== undefined) d.push(task.clusterOptions, '');
      d.push('-N', pbsJobName(task), '-o', quote(`${task.workDir}/.command.log`), '-j', 'oe');
      if (task.queue !== undefined) d.push('-q', task.queue);
      const res: string[] = [];
      if (task.cpus !== undefined || task.memoryMb !== undefined) res.push(`ncpus=${task.cpus ?? 1}`);
      if (task.memoryMb !== undefined) res.push(`mem=${task.memoryMb}mb`);
      if (res.length > 0) d.push('-l', `select=1:${res.join(':')}`);
      if (task.timeSeconds !== undefined) d.push('-l', `walltime=${hhmmss(task.timeSeconds)}`);
      if (task.account !== undefined) d.push('-P', task.account);
      return d;
    },
    submitCommand: (task, scriptFile) => ['qsub', '-N', pbsJobName(task), scriptFile],
    parseJobId: (text) => FLAVOURS.pbs.parseJobId(text),
    queueStatusCommand: () => pbsGrep(`qstat -f $( qstat -B -f | awk -v ORS=' ' '$1 == "Server:" {print "@"$2}' )`),
    parseQueueStatus: (text) => parsePbsStatus(text, PBSPRO_STATUS),
    killCommand: ['qdel'],
  },
};

// AbstractGridExecutor.getHeaders: one `TOKEN opt value` line per pair that has either.
export function headerLines(flavour: Flavour, task: TaskConfig): string {
  const d = flavour.directives(task);
  let result = '';
  for (let i = 0; i + 1 < d.length; i += 2) {
    const words = [d[i], d[i + 1]].filter((w) => w !== undefined && w !== '');
    if (words.length > 0) result += `${flavour.headerToken} ${words.join(' ')}\n`;
  }
  return result;
}
