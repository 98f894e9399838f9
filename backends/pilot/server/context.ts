// What the server's parts share: the store, the ready window, who holds which task, and the agents.
import type { Connection } from '../protocol/connection.js';
import type { AgentInfo, AgentMessage, Pull, ServerMessage, WireTask } from '../protocol/messages.js';
import { runFields } from '../protocol/run-fields.js';
import type { StepDurations } from './bundle.js';
import type { QueueStore, StoredTask } from './queue-store.js';
import type { NodeRecord } from './node-figures.js';
import type { ReadyWindow } from './ready-window.js';
import type { Serial } from './serial.js';
import type { ServerLogEvent, ServerTaskEvent } from './types.js';

// One task handed to an agent and not yet back.
export interface Dispatch {
  readonly task: StoredTask;
  readonly agent: string;
  readonly attempt: number;
  startedAt?: number;
  // Set when a reconnected agent did not say it holds the task: requeued at this time unless it reports it.
  expiresAt?: number;
}

// An agent the server knows: connected, or briefly gone (its tasks stay with it until it is declared lost).
export interface AgentState {
  readonly id: string;
  info?: AgentInfo;
  conn?: Connection<AgentMessage, ServerMessage> | undefined;
  lastSeen: number;
  pull?: Pull | undefined;
  readonly running: Set<number>;
  idleSince: number;
  leaving: boolean; // said bye
  readonly node: NodeRecord; // its node figures, when it monitors
}

export interface ServerContext {
  readonly store: QueueStore;
  readonly session: string;
  readonly serial: Serial;
  readonly window: ReadyWindow;
  readonly durations: StepDurations;
  readonly running: Map<number, Dispatch>;
  readonly agents: Map<string, AgentState>;
  readonly cancelRequested: Set<number>;
  readonly heartbeatMs: number;
  readonly heartbeatTimeoutMs: number;
  ended: string | undefined;
  closing: boolean;
  log(event: ServerLogEvent): void;
  emit(event: ServerTaskEvent): void;
  // Asks for a dispatch round (pulls waiting, tasks arrived).
  wake(): void;
}

// A stored task as an agent receives it.
export function toWireTask(task: StoredTask): WireTask {
  return { id: String(task.id), attempt: task.attempt, name: task.name, step: task.step, ...runFields(task) };
}

// A wire task id as the store's number, or undefined when it is not one of ours.
export function parseTaskId(id: unknown): number | undefined {
  if (typeof id !== 'string' || !/^\d{1,15}$/.test(id)) return undefined;
  return Number(id);
}
