// Slurm job states (squeue %T, scontrol JobState) → what pipe makes of them.
// https://slurm.schedmd.com/squeue.html#SECTION_JOB-STATE-CODES
import type { QueueEntry } from '../grid/scheduler.js';

interface StateMeaning {
  readonly phase: QueueEntry['phase'];
  readonly reason?: string; // why the job ended, for states where Slurm (not the task) ended it
}

export const SLURM_STATES: Readonly<Record<string, StateMeaning>> = {
  PENDING: { phase: 'queued' }, // waiting for resources or a dependency
  REQUEUED: { phase: 'queued' }, // put back in the queue after it ran
  REQUEUE_HOLD: { phase: 'queued' }, // requeued and held
  REQUEUE_FED: { phase: 'queued' }, // requeued by a federation
  RESV_DEL_HOLD: { phase: 'queued' }, // held: its reservation was deleted
  CONFIGURING: { phase: 'queued' }, // allocated, nodes still booting
  RUNNING: { phase: 'running' },
  COMPLETING: { phase: 'running' }, // processes ending; .exitcode may already exist
  SUSPENDED: { phase: 'running' }, // stopped by an administrator or preemption, resumes later
  STOPPED: { phase: 'running' }, // SIGSTOP'd, keeps its allocation
  SIGNALING: { phase: 'running' }, // being signalled
  STAGE_OUT: { phase: 'running' }, // burst buffer stage-out
  RESIZING: { phase: 'running' },
  COMPLETED: { phase: 'ended' }, // exit code 0 on all nodes
  FAILED: { phase: 'ended' }, // non-zero exit code: the task's own failure
  CANCELLED: { phase: 'ended', reason: 'cancelled (Slurm CANCELLED)' }, // scancel by a user or administrator
  TIMEOUT: { phase: 'ended', reason: 'time limit exceeded (Slurm TIMEOUT)' },
  OUT_OF_MEMORY: { phase: 'ended', reason: 'out of memory (Slurm OUT_OF_MEMORY)' },
  NODE_FAIL: { phase: 'ended', reason: 'node failure (Slurm NODE_FAIL)' },
  BOOT_FAIL: { phase: 'ended', reason: 'node boot failure (Slurm BOOT_FAIL)' },
  PREEMPTED: { phase: 'ended', reason: 'preempted (Slurm PREEMPTED)' },
  DEADLINE: { phase: 'ended', reason: 'deadline reached before it could run (Slurm DEADLINE)' },
  SPECIAL_EXIT: { phase: 'ended', reason: 'special exit (Slurm SPECIAL_EXIT)' },
  REVOKED: { phase: 'ended', reason: 'revoked by a sibling cluster (Slurm REVOKED)' },
};

// Pending reasons after which a job never starts (the backend cancels it instead of waiting forever).
export const HOPELESS_REASONS: ReadonlySet<string> = new Set([
  'DependencyNeverSatisfied', // an afterok parent failed
  'BadConstraints',
  'InvalidAccount',
  'InvalidQOS',
  'PartitionDown',
]);

// The meaning of a state; an unknown state (a newer Slurm) counts as alive, never as ended.
export function slurmState(state: string, pendingReason?: string): QueueEntry {
  const base = state.split(/[ +]/)[0] ?? state; // scontrol may add flags: "CANCELLED by 0"
  const meaning = SLURM_STATES[base] ?? { phase: 'queued' };
  const hopeless = meaning.phase === 'queued' && pendingReason !== undefined && HOPELESS_REASONS.has(pendingReason);
  return {
    phase: meaning.phase,
    state: base,
    reason: hopeless ? pendingReason : meaning.reason,
    hopeless: hopeless || undefined,
  };
}
