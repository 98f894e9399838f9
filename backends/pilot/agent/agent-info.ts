// Who an agent is and what it offers: its id, host, slots, cpus and memory, and, when its allocation has an end,
// the drain deadline before it (logged once at start).
import { randomBytes } from 'node:crypto';
import { availableParallelism, hostname, totalmem } from 'node:os';
import type { AgentInfo } from '../protocol/messages.js';
import type { AgentLogEvent, AgentOptions } from './types.js';
import { allocationEnd, drainDeadline } from './walltime.js';

export const DEFAULT_IDLE_TIMEOUT_MS = 300_000;

// Hands one event to the caller's logger.
export type AgentLog = (
  level: AgentLogEvent['level'],
  event: string,
  message: string,
  fields?: Record<string, unknown>,
) => void;

export interface AgentProfile {
  readonly info: AgentInfo; // what the hello presents
  readonly idleTimeoutMs: number;
  readonly drainAt: number | undefined; // epoch ms the agent drains at, when its allocation ends
  readonly remainingMs: () => number | undefined; // time left before drainAt, when there is one
}

// The caller's logger as an AgentLog (events are dropped when there is none).
export function agentLog(options: AgentOptions): AgentLog {
  return (level, event, message, fields = {}) => options.log?.({ level, event, message, ...fields });
}

// Describes the agent from its options and this machine.
export function describeAgent(options: AgentOptions, startedAt: number, log: AgentLog): AgentProfile {
  const slots = Math.max(1, options.slots);
  const cpus = options.cpus ?? availableParallelism();
  const memoryBytes = options.memoryBytes ?? totalmem();
  const id = options.id ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const end = allocationEnd(options, startedAt);
  const drainAt = end === undefined ? undefined : drainDeadline(end.endsAt, startedAt, options.drainMarginMs);
  if (end !== undefined && drainAt !== undefined) {
    log(
      'info',
      'walltime',
      `allocation ends ${new Date(end.endsAt).toISOString()} (from ${end.source}); draining from ${new Date(drainAt).toISOString()}`,
    );
  }
  return {
    info: { id, host: hostname(), pid: process.pid, slots, cpus, memoryBytes, endsAt: end?.endsAt },
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    drainAt,
    remainingMs: () => (drainAt === undefined ? undefined : drainAt - Date.now()),
  };
}
