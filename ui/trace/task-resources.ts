// What an attempt used, for the trace, the report, `pipe tasks` and the web view: the store's figures (recorded
// when the run monitored), else its work dir's .command.trace (runs recorded before the store kept them).
import { resourceKey, type Store, type TaskRecord } from '../../engine/store/store.js';
import type { TaskResources } from '../../engine/resources.js';
import { readCommandTrace } from '../../engine/workdir/command-trace.js';

export type ResourceLookup = (task: TaskRecord) => TaskResources | undefined;

// Reads a run's figures once and answers for each of its attempts.
export function resourceLookup(store: Store, runId: string): ResourceLookup {
  const stored = store.resources(runId);
  return (task) => stored.get(resourceKey(task.taskId, task.attempt)) ?? readCommandTrace(task.workDir);
}
