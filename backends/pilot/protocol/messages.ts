// The pilot protocol: the JSON messages agents and clients exchange with `pipe server`, one per frame (frame.ts).
// Every message has a `t` naming its kind. Version 1.

import type { RunFields } from './run-fields.js';

export const PROTOCOL_VERSION = 2;

// A task as an agent receives it. `id` + `attempt` name one dispatch: a completion is accepted only for the
// server's current attempt of a task, so a late report from an agent presumed dead is ignored.
// Its command is the shell line of a light task; a work-dir task runs its work dir's .command.run.
export interface WireTask extends RunFields {
  readonly id: string;
  readonly attempt: number;
  readonly name?: string | undefined;
  readonly step?: string | undefined;
}

// A task to add to the queue (from the engine's pilot backend or `pipe submit`).
export interface NewTask {
  readonly name?: string | undefined;
  readonly step?: string | undefined; // tasks of one step share duration statistics
  readonly command: string;
  readonly light: boolean;
  readonly workDir?: string | undefined;
  readonly errFile?: string | undefined;
  readonly cpus?: number | undefined; // default 1
  readonly memoryBytes?: number | undefined;
  readonly timeLimitMs?: number | undefined;
  readonly env?: Readonly<Record<string, string>> | undefined;
  readonly tags?: Readonly<Record<string, string>> | undefined;
}

// How one dispatched task ended on an agent.
export interface TaskResult {
  readonly id: string;
  readonly attempt: number;
  readonly exitCode: number | null;
  readonly signal?: string | undefined;
  readonly startedAt?: number | undefined;
  readonly endedAt: number;
  readonly reason?: string | undefined; // time limit, cancelled, …
  readonly errFile?: string | undefined;
  // The agent gave the task back without a verdict (drained, or killed by the allocation's end): the server
  // queues it again without counting an attempt against it.
  readonly requeue?: 'drain' | 'walltime' | undefined;
  // What the task used, when the agent measures (--monitor): engine/resources.ts's RESOURCE_FIELDS, in order.
  readonly resources?: readonly (number | null)[] | undefined;
}

// A task an agent says has started.
export interface TaskStart {
  readonly id: string;
  readonly attempt: number;
  readonly at: number;
  readonly pid?: number | undefined;
}

export interface AgentInfo {
  readonly id: string; // chosen by the agent, kept across reconnections
  readonly host: string;
  readonly pid: number;
  readonly slots: number;
  readonly cpus: number;
  readonly memoryBytes?: number | undefined;
  readonly endsAt?: number | undefined; // epoch ms its allocation ends, when it runs inside one
}

// One GPU of an agent's node, as its sampler last saw it.
export interface GpuFigures {
  readonly index: number;
  readonly utilPercent?: number | undefined;
  readonly memUsedBytes?: number | undefined;
  readonly memTotalBytes?: number | undefined;
}

// An agent's node at one moment (`pipe agent --monitor`), sent with its heartbeat: load average over one
// minute, memory in use (total less available) and each visible GPU.
export interface NodeFigures {
  readonly at: number; // epoch ms
  readonly load1?: number | undefined;
  readonly memUsedBytes?: number | undefined;
  readonly memTotalBytes?: number | undefined;
  readonly gpus?: readonly GpuFigures[] | undefined;
}

// A connected (or briefly disconnected) agent, as launchers, `pipe server`'s view and `pipe tasks --server` see it.
export interface AgentRow {
  readonly id: string;
  readonly host: string;
  readonly slots: number;
  readonly running: number; // tasks dispatched to it and not yet completed
  readonly connected: boolean;
  readonly idleSinceMs?: number | undefined; // how long it has held no task
  readonly node?: NodeFigures | undefined; // its latest node figures, when it monitors
}

// Queue counts by state, as `pipe tasks --server` prints them.
export interface QueueCounts {
  readonly queued: number;
  readonly running: number; // dispatched to an agent
  readonly succeeded: number;
  readonly failed: number;
  readonly cancelled: number;
}

export type TaskStateName = keyof QueueCounts;

// One task as `pipe tasks --server` lists it.
export interface TaskRow {
  readonly id: string;
  readonly state: TaskStateName;
  readonly name?: string | undefined;
  readonly workDir?: string | undefined;
  readonly command: string;
  readonly attempt: number;
  readonly agent?: string | undefined;
  readonly exitCode?: number | null | undefined;
  readonly submittedAt: number;
  readonly startedAt?: number | undefined;
  readonly endedAt?: number | undefined;
  readonly tags?: Readonly<Record<string, string>> | undefined;
}

export interface TaskQuery {
  readonly state?: TaskStateName | undefined;
  readonly tags?: Readonly<Record<string, string>> | undefined;
  readonly limit?: number | undefined;
}

// ---- agent or client → server

export interface Hello {
  readonly t: 'hello';
  readonly version: number;
  readonly nonce: string; // the sender's nonce (protocol/auth.ts)
  readonly proof: string; // helloProof(token, role, challenge nonce, nonce): the token itself never crosses the wire
  readonly role: 'agent' | 'client';
  readonly agent?: AgentInfo | undefined; // role agent
  // After a reconnection: the dispatches the agent still holds (running or buffered), so a restarted server
  // keeps them assigned instead of handing them out twice.
  readonly holding?: readonly { readonly id: string; readonly attempt: number }[] | undefined;
}

// Asks for up to `max` tasks; the server answers with `tasks` when it has any (a long poll: at most one pull is
// outstanding per agent). `remainingMs` is the time left before the agent must drain.
export interface Pull {
  readonly t: 'pull';
  readonly max: number;
  readonly freeCpus?: number | undefined;
  readonly freeMemoryBytes?: number | undefined;
  readonly remainingMs?: number | undefined;
}

export interface Started {
  readonly t: 'started';
  readonly tasks: readonly TaskStart[];
}

// Completions in a batch; the server answers `ack` with the same seq once they are committed, and the agent
// keeps them (sending them again after a reconnection) until then.
export interface Done {
  readonly t: 'done';
  readonly seq: number;
  readonly results: readonly TaskResult[];
}

export interface Beat {
  readonly t: 'beat';
  readonly node?: NodeFigures | undefined; // when the agent monitors (--monitor)
}

// The agent leaves: drained, idle, or its allocation is ending. Whatever it still held was handed back in `done`.
export interface Bye {
  readonly t: 'bye';
  readonly reason: string;
}

export interface Submit {
  readonly t: 'submit';
  readonly seq: number;
  readonly tasks: readonly NewTask[];
}

export interface Query {
  readonly t: 'query';
  readonly seq: number;
  readonly query: TaskQuery;
}

// Cancels tasks by id (as PilotServer.cancel does); answered `cancelled` with the same seq.
export interface CancelRequest {
  readonly t: 'cancel-tasks';
  readonly seq: number;
  readonly ids: readonly string[];
}

// ---- server → agent or client

// The server's first message on every connection.
export interface Challenge {
  readonly t: 'challenge';
  readonly version: number;
  readonly nonce: string;
}

export interface Welcome {
  readonly t: 'welcome';
  readonly server: string; // the server's session id: changes when a server starts without --resume
  readonly heartbeatMs: number;
  readonly proof: string; // welcomeProof(token, hello nonce, challenge nonce)
}

export interface Refused {
  readonly t: 'refused';
  readonly reason: string;
}

export interface Tasks {
  readonly t: 'tasks';
  readonly tasks: readonly WireTask[];
}

export interface Ack {
  readonly t: 'ack';
  readonly seq: number;
}

export interface Cancel {
  readonly t: 'cancel';
  readonly tasks: readonly { readonly id: string; readonly attempt: number }[];
}

// The run is over (or the server shuts down for good): the agent finishes nothing more and exits.
export interface End {
  readonly t: 'end';
  readonly reason: string;
}

export interface Submitted {
  readonly t: 'submitted';
  readonly seq: number;
  readonly ids: readonly string[];
}

export interface CancelDone {
  readonly t: 'cancelled';
  readonly seq: number;
}

export interface QueryResult {
  readonly t: 'result';
  readonly seq: number;
  readonly counts: QueueCounts;
  readonly tasks: readonly TaskRow[];
  readonly agents?: readonly AgentRow[] | undefined; // the server's agents (servers before node figures: none)
}

export interface Failure {
  readonly t: 'error';
  readonly seq?: number | undefined;
  readonly message: string;
}

export type AgentMessage = Hello | Pull | Started | Done | Beat | Bye;
export type ClientMessage = Hello | Submit | Query | CancelRequest;
export type ServerMessage =
  Challenge | Welcome | Refused | Tasks | Ack | Cancel | End | Submitted | QueryResult | CancelDone | Failure;
export type Message = AgentMessage | ClientMessage | ServerMessage;
