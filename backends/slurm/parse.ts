// Pure parsers of Slurm command output: sbatch --parsable, squeue, scontrol show job -o.
import { PipeError } from '../../engine/errors.js';
import type { EndRecord, QueueEntry } from '../grid/scheduler.js';
import { slurmState } from './states.js';

// The squeue format the backend asks for: raw job id, job id (array form 12_3), state, reason.
export const SQUEUE_FORMAT = '%A|%i|%T|%r';

// "12" or "12;cluster" (sbatch --parsable) or "Submitted batch job 12" → "12".
export function parseSbatchJobId(stdout: string): string {
  const match = /^(?:Submitted batch job )?(\d+)(?:;\S+)?\s*$/m.exec(stdout.trim());
  if (match === null) {
    throw new PipeError(`sbatch printed no job id: \`${stdout.trim().slice(0, 200)}\``, {
      hint: "Check that `sbatch` is Slurm's and that the cluster accepts jobs (`sinfo`).",
    });
  }
  return match[1]!;
}

// `squeue --noheader --array --format='%A|%i|%T|%r'` → entries by raw id and by array id (12_3).
export function parseSqueue(stdout: string): ReadonlyMap<string, QueueEntry> {
  const entries = new Map<string, QueueEntry>();
  for (const line of stdout.split('\n')) {
    const fields = line.trim().split('|');
    if (fields.length < 3) continue;
    const [raw, id, state, reason] = fields as [string, string, string, string | undefined];
    const entry = slurmState(state, reason);
    entries.set(id, entry);
    // A pending array's raw id stands for its unstarted elements: keep the liveliest phase under it.
    const earlier = entries.get(raw);
    if (earlier === undefined || earlier.phase === 'ended' || id === raw) entries.set(raw, entry);
  }
  return entries;
}

// `scontrol show job -o` (one line per job, space-separated Key=Value) → fields of each line.
export function parseScontrolLines(stdout: string): readonly ReadonlyMap<string, string>[] {
  return stdout
    .split('\n')
    .filter((line) => line.includes('JobId='))
    .map((line) => {
      const fields = new Map<string, string>();
      for (const match of line.matchAll(/(?:^|\s)([A-Za-z][\w:/]*)=(\S*)/g)) fields.set(match[1]!, match[2]!);
      return fields;
    });
}

// `scontrol show job -o ID` → how each job ended, by raw id and array id.
export function parseScontrol(stdout: string): ReadonlyMap<string, EndRecord> {
  const records = new Map<string, EndRecord>();
  for (const fields of parseScontrolLines(stdout)) {
    const state = fields.get('JobState') ?? 'UNKNOWN';
    const meaning = slurmState(state, fields.get('Reason'));
    const exit = /^(\d+):(\d+)$/.exec(fields.get('ExitCode') ?? '');
    const record: EndRecord = {
      state: meaning.state,
      reason: meaning.reason,
      exitCode: exit === null ? undefined : Number(exit[1]),
    };
    records.set(fields.get('JobId')!, record);
    const arrayId = fields.get('ArrayJobId');
    const task = fields.get('ArrayTaskId');
    if (arrayId !== undefined && task !== undefined && /^\d+$/.test(task)) records.set(`${arrayId}_${task}`, record);
  }
  return records;
}
