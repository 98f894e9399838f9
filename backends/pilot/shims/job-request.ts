// A batch job as `sbatch` or `qsub` was asked for it, whatever the flavour: what the shims' gateway turns into pilot
// tasks (one per array index).

export type Flavour = 'slurm' | 'pbs';

// A signal the job's script gets some time before its time limit (sbatch --signal).
export interface WarningSignal {
  readonly name: string; // e.g. USR2
  readonly beforeMs: number;
}

export interface JobRequest {
  readonly flavour: Flavour;
  readonly name: string;
  readonly script: string; // the script's text (read at submission, as the schedulers keep a copy)
  readonly scriptPath?: string | undefined; // where it was read from, when it came from a file
  readonly scriptArgs: readonly string[];
  readonly workDir: string; // absolute: where the job starts
  readonly output?: string | undefined; // stdout path pattern; undefined: the flavour's default
  readonly error?: string | undefined; // stderr path pattern; undefined: joined with stdout
  readonly cpus?: number | undefined;
  readonly memoryBytes?: number | undefined;
  readonly timeLimitMs?: number | undefined;
  readonly warning?: WarningSignal | undefined;
  readonly array?: readonly number[] | undefined;
  readonly queue?: string | undefined;
  readonly account?: string | undefined;
  // Which of the submitter's variables the job sees: all of them, none, or these names (plus the scheduler's own).
  readonly exportEnv: 'all' | 'none' | readonly string[];
  readonly extraEnv: Readonly<Record<string, string>>; // NAME=value pairs given with --export / -v
  // What submitting prints: the flavour's sentence (`Submitted batch job N`; PBS prints `N.pipe` anyway), the id
  // alone (sbatch --parsable), or nothing (qsub -z).
  readonly print: 'default' | 'id' | 'nothing';
  readonly ignored: readonly string[]; // options accepted and not acted upon (node counts, mail, qos, …)
}

// A request's failure: one line naming the option or directive, as the real commands print them.
export class JobRequestError extends Error {}

// The indexes of an array spec such as `0-9`, `1,3,5-7`, `0-15:4` and `0-99%10` (the `%` limit is accepted and not
// enforced: the pilot runs as many as its agents have slots).
export function parseArraySpec(spec: string, what: string): number[] {
  const body = spec.replace(/%\d+$/, '');
  const indexes: number[] = [];
  for (const part of body.split(',')) {
    const m = /^(\d+)(?:-(\d+)(?::(\d+))?)?$/.exec(part);
    if (m === null) throw new JobRequestError(`${what}: invalid array specification "${spec}"`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    const step = m[3] === undefined ? 1 : Number(m[3]);
    if (to < from || step < 1 || to - from > 1_000_000)
      throw new JobRequestError(`${what}: invalid array specification "${spec}"`);
    for (let i = from; i <= to; i += step) indexes.push(i);
  }
  return [...new Set(indexes)].sort((a, b) => a - b);
}

// The path of an output file with Slurm's replacement symbols (`%j` job id, `%A` array job id, `%a` index,
// `%x` name, `%u` user, `%%`); https://slurm.schedmd.com/sbatch.html#SECTION_FILENAME-PATTERN
export function expandOutputPattern(
  pattern: string,
  fields: { jobId: string; arrayJobId: string; index: number | undefined; name: string; user: string },
): string {
  return pattern.replace(/%(\d*)([%jAaxuN])/g, (_, width: string, symbol: string) => {
    const pad = (value: string): string => value.padStart(Number(width || 0), '0');
    switch (symbol) {
      case '%':
        return '%';
      case 'j':
        return pad(fields.jobId);
      case 'A':
        return pad(fields.arrayJobId);
      case 'a':
        return fields.index === undefined ? '4294967294' : pad(String(fields.index));
      case 'x':
        return fields.name;
      case 'u':
        return fields.user;
      default:
        return 'localhost';
    }
  });
}
