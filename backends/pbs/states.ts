// PBS Pro and Torque job states (qstat job_state) → what pipe makes of them.
// PBS Pro: https://help.altair.com/2022.1.0/PBS%20Professional/PBSReferenceGuide2022.1.pdf ("Job States");
// Torque: qstat(1B). Slurm's PBS wrappers (slurm-wlm-torque) produce only Q, R, S and C.
import type { QueueEntry } from '../grid/scheduler.js';

export const PBS_STATES: Readonly<Record<string, QueueEntry['phase']>> = {
  Q: 'queued', // queued, eligible to run
  H: 'queued', // held
  W: 'queued', // waiting for its start time
  T: 'queued', // in transit to another server
  M: 'queued', // moved to another server (PBS Pro)
  R: 'running',
  E: 'running', // exiting after having run (epilogue, stage-out)
  B: 'running', // array job: at least one subjob has started (PBS Pro)
  S: 'running', // suspended
  U: 'running', // suspended because the workstation is busy (PBS Pro)
  C: 'ended', // completed (Torque, and the Slurm wrappers)
  F: 'ended', // finished (PBS Pro, with qstat -x)
  X: 'ended', // subjob finished (PBS Pro)
};

// PBS Pro's Exit_status codes below 0 where the server, not the task, ended the job (a few of the common ones).
const NEGATIVE_EXIT: Readonly<Record<number, string>> = {
  [-11]: 'time limit exceeded (PBS walltime; Torque JOB_EXEC_OVERLIMIT)', // Torque: resources over limit
  [-29]: 'time limit exceeded (PBS JOB_EXEC_KILL_WALLTIME)',
  [-27]: 'memory limit exceeded (PBS JOB_EXEC_KILL_MEM)',
  [-3]: 'could not start: retry limit reached (PBS JOB_EXEC_RETRY)',
};

// The entry for a state letter; an unknown letter counts as alive, never as ended.
export function pbsState(state: string, exitStatus?: number): QueueEntry {
  const phase = PBS_STATES[state] ?? 'queued';
  return { phase, state, reason: phase === 'ended' ? pbsExitReason(exitStatus) : undefined };
}

// Why PBS ended a job, from its exit status: negative codes are the server's, 256+N means killed by signal N.
export function pbsExitReason(exitStatus: number | undefined): string | undefined {
  if (exitStatus === undefined) return undefined;
  if (exitStatus < 0) return NEGATIVE_EXIT[exitStatus] ?? `ended by the PBS server (Exit_status ${exitStatus})`;
  if (exitStatus > 256)
    return `killed by signal ${exitStatus - 256} (PBS Exit_status ${exitStatus}; qdel sends SIGTERM)`;
  return undefined;
}
