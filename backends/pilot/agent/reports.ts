// What the agent tells the server about its tasks: starts and results, gathered for BATCH_MS (or up to
// BATCH_MAX results) into one `started` and one `done` frame; a start whose result goes in the same batch is left
// out (the result says when it started). Each `done` batch is kept until the server acks its seq and is sent
// again after a reconnection; starts are kept only while no connection is up.
import type { AgentMessage, Done, TaskResult, TaskStart } from '../protocol/messages.js';
import { dispatchKey } from './wire-task.js';

export interface Reports {
  started(start: TaskStart): void;
  result(result: TaskResult): void;
  // The server committed a batch.
  ack(seq: number): void;
  // A connection is up (send what waits, unacked batches first) or down (keep everything).
  connected(send: ((message: AgentMessage) => void) | undefined): void;
  // Sends what was gathered now rather than at the end of this turn.
  flush(): void;
  // Results not yet acked: sent or waiting to be.
  readonly unacked: number;
  // Dispatches whose results are not yet acked, for the hello after a reconnection.
  holding(): { id: string; attempt: number }[];
}

// How long starts and results are gathered before they are sent, and the most results sent in one batch.
export const BATCH_MS = 50;
export const BATCH_MAX = 1_000;

// Creates the reports of one agent.
export function createReports(): Reports {
  let send: ((message: AgentMessage) => void) | undefined;
  let starts: TaskStart[] = [];
  let results: TaskResult[] = [];
  const sent = new Map<number, Done>(); // in seq order
  let nextSeq = 1;
  let unacked = 0;
  let timer: NodeJS.Timeout | undefined;

  // Sends the gathered starts and results, when connected.
  const flush = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (send === undefined) return;
    if (starts.length > 0) {
      const ended = results.length === 0 ? undefined : new Set(results.map((r) => dispatchKey(r.id, r.attempt)));
      const tasks = ended === undefined ? starts : starts.filter((s) => !ended.has(dispatchKey(s.id, s.attempt)));
      if (tasks.length > 0) send({ t: 'started', tasks });
      starts = [];
    }
    if (results.length > 0) {
      const batch: Done = { t: 'done', seq: nextSeq++, results };
      results = [];
      sent.set(batch.seq, batch);
      send(batch);
    }
  };
  // Sends what was gathered BATCH_MS from now.
  const schedule = (): void => {
    if (timer !== undefined || send === undefined) return;
    timer = setTimeout(flush, BATCH_MS);
  };

  return {
    started(start) {
      starts.push(start);
      schedule();
    },
    result(result) {
      results.push(result);
      unacked += 1;
      if (results.length >= BATCH_MAX) flush();
      else schedule();
    },
    ack(seq) {
      const batch = sent.get(seq);
      if (batch === undefined) return;
      sent.delete(seq);
      unacked -= batch.results.length;
    },
    connected(sender) {
      send = sender;
      if (send === undefined) return;
      for (const batch of sent.values()) send(batch);
      flush();
    },
    flush,
    get unacked() {
      return unacked;
    },
    holding() {
      const held: { id: string; attempt: number }[] = [];
      for (const batch of sent.values()) for (const r of batch.results) held.push({ id: r.id, attempt: r.attempt });
      for (const r of results) held.push({ id: r.id, attempt: r.attempt });
      return held;
    },
  };
}
