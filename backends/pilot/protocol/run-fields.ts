// How to run a task: the fields every form of a pilot task carries alike (a prepared task, a queued task, a task
// on the wire), copied from one form to the next.

export interface RunFields {
  readonly command: string;
  readonly light: boolean;
  readonly workDir?: string | undefined;
  readonly errFile?: string | undefined;
  readonly cpus: number;
  readonly memoryBytes?: number | undefined;
  readonly timeLimitMs?: number | undefined;
  readonly env?: Readonly<Record<string, string>> | undefined;
}

// The run fields of any task form, and nothing else.
export function runFields(task: RunFields): RunFields {
  return {
    command: task.command,
    light: task.light,
    workDir: task.workDir,
    errFile: task.errFile,
    cpus: task.cpus,
    memoryBytes: task.memoryBytes,
    timeLimitMs: task.timeLimitMs,
    env: task.env,
  };
}
