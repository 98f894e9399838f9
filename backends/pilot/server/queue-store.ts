// The pilot queue's storage: sessions, tasks and their attempts, behind an async interface that SQLite and
// PostgreSQL both implement (sql-queue-store.ts over a driver).
import type { NewTask, QueueCounts, TaskQuery, TaskRow, TaskStateName } from '../protocol/messages.js';
import type { RunFields } from '../protocol/run-fields.js';

// A task as the server dispatches it: its row, without results.
export interface StoredTask extends RunFields {
  readonly id: number;
  readonly attempt: number;
  readonly agent?: string | undefined; // running tasks only
  readonly name?: string | undefined;
  readonly step?: string | undefined;
}

// How one attempt ended (the attempts table's outcome column).
export const Outcome = {
  Succeeded: 'succeeded',
  Failed: 'failed',
  Cancelled: 'cancelled',
  Lost: 'lost', // its agent went silent or away
  Walltime: 'walltime', // handed back: the agent's allocation was ending
  Drain: 'drain', // handed back: the agent was drained
} as const;
export type Outcome = (typeof Outcome)[keyof typeof Outcome];

// A final verdict's outcome, which is also the task's final state.
export type FinalOutcome = typeof Outcome.Succeeded | typeof Outcome.Failed | typeof Outcome.Cancelled;

// One state change; a batch of them is written in one transaction, in order.
export type QueueChange =
  | {
      readonly kind: 'dispatch';
      readonly id: number;
      readonly attempt: number;
      readonly agent: string;
      readonly at: number;
    }
  | { readonly kind: 'start'; readonly id: number; readonly attempt: number; readonly at: number }
  | {
      readonly kind: 'finish';
      readonly id: number;
      readonly attempt: number;
      readonly outcome: FinalOutcome;
      readonly exitCode: number | null;
      readonly signal?: string | undefined;
      readonly reason?: string | undefined;
      readonly startedAt?: number | undefined;
      readonly at: number;
    }
  // Back to the queue with attempt + 1, recording why the attempt ended.
  | {
      readonly kind: 'requeue';
      readonly id: number;
      readonly attempt: number;
      readonly outcome: Outcome;
      readonly at: number;
    }
  // A queued task cancelled before it ran.
  | { readonly kind: 'cancel'; readonly id: number; readonly at: number };

// What the attempts table says about one attempt.
export interface AttemptRecord {
  readonly id: number;
  readonly attempt: number;
  readonly agent: string;
  readonly outcome?: Outcome | undefined; // undefined while it runs
}

export interface SessionInfo {
  readonly id: string;
  readonly resumed: boolean;
}

export interface QueueStore {
  readonly location: string; // for messages: the file or the database URL without its password
  // Starts a new session, or continues the latest one when `resume` is set and one exists.
  openSession(resume: boolean, now: number): Promise<SessionInfo>;
  // Adds tasks under consecutive ids from the next free one; resolves to the first id.
  insert(session: string, tasks: readonly NewTask[], now: number): Promise<number>;
  // Up to `limit` queued tasks with ids above `afterId`, by id.
  queuedAfter(session: string, afterId: number, limit: number): Promise<StoredTask[]>;
  // Every task of the session that is dispatched to an agent.
  running(session: string): Promise<StoredTask[]>;
  // The longest duration of a succeeded task of each step.
  stepDurations(session: string): Promise<Map<string, number>>;
  // The state and current attempt of these tasks (unknown ids are left out), for cancelling.
  states(ids: readonly number[]): Promise<Map<number, { readonly state: TaskStateName; readonly attempt: number }>>;
  attempts(keys: readonly { readonly id: number; readonly attempt: number }[]): Promise<AttemptRecord[]>;
  apply(changes: readonly QueueChange[]): Promise<void>;
  counts(session: string, tags?: Readonly<Record<string, string>>): Promise<QueueCounts>;
  list(session: string, query: TaskQuery): Promise<TaskRow[]>;
  close(): Promise<void>;
}
