// The step graph every parser produces and the engine consumes.
import { DirectedGraph } from 'graphology';
import { hasCycle, topologicalSort } from 'graphology-dag';
import type { SourceLocation } from './errors.js';
import type { Resources, TaskSpec } from './task.js';

// What a step's tasks are expanded from; streamed so a million tasks never sit in memory at once.
export interface TaskSource {
  readonly total?: number | undefined; // known up front when cheap to know
  // True when the stream may wait on other tasks' results (dataflow formats); the engine then never blocks on it.
  readonly blocking?: boolean | undefined;
  tasks(signal: AbortSignal): AsyncIterable<TaskSpec>;
}

// Step-level parts of the cache key: identical for all of a step's tasks, hashed once.
export interface StepKeyParts {
  readonly identity: string;
  readonly env?: Readonly<Record<string, string>> | undefined;
  readonly container?: string | undefined;
  readonly resources?: Readonly<Record<string, unknown>> | undefined;
}

export interface StepAttributes {
  readonly id: string;
  readonly name: string;
  readonly location?: SourceLocation | undefined;
  readonly resources: Resources;
  readonly keyParts: StepKeyParts;
  readonly source: TaskSource;
}

// `order` and `data` edges open a step once its predecessors are done; a `stream` edge carries results while both
// steps run, so it does not hold the dependant back (the dependant's blocking source waits for them itself).
export interface EdgeAttributes {
  readonly kind: 'order' | 'data' | 'stream';
  readonly fromPort?: string | undefined;
  readonly toPort?: string | undefined;
}

export type StepGraph = DirectedGraph<StepAttributes, EdgeAttributes>;

export type WorkflowFormat = 'tasklist' | 'cwl' | 'dsl';

export interface WorkflowGraph {
  readonly file: string; // absolute path of the workflow file
  readonly format: WorkflowFormat;
  readonly graph: StepGraph;
  readonly session?: WorkflowSession | undefined;
  // Aborted when the format's runtime fails while the run goes on (a dataflow operator threw): the run then stops as
  // on a failed task, cancelling what runs, and ends failed; the session reports the error.
  readonly failed?: AbortSignal | undefined;
  readonly backend?: string | undefined; // the backend the workflow's own configuration asks for, if any
  // Backend options the workflow's own configuration sets (a DSL's `executor` scope), by backend name.
  readonly backendOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined;
  // What the workflow's own configuration lets the local backend run at once (a DSL's `executor.cpus`, `memory`,
  // `queueSize`); a task asking for more cpus or memory than these fails.
  readonly localLimits?: ExecutorLimits | undefined;
  // Report files the workflow's own configuration asks for (a DSL's `trace`, `report`, `timeline`, `dag` scopes).
  readonly reports?: WorkflowReports | undefined;
  // Plugins the workflow's own configuration names (nextflow.config's `plugins { id 'name' }`), as written.
  readonly plugins?: readonly string[] | undefined;
  // The e-mail its configuration asks for when the run ends (a DSL's `notification` scope).
  readonly notification?: WorkflowNotification | undefined;
  // The container each step definition names, resolved from the configuration without running a task (`pipe
  // inspect`); `ignoreErrors` turns a container that cannot be resolved into a warning.
  readonly containers?:
    ((options: { ignoreErrors: boolean; warn: (message: string) => void }) => ProcessContainer[]) | undefined;
}

// A step definition's container image (null: it names none).
export interface ProcessContainer {
  readonly name: string;
  readonly container: string | null;
}

// Whether to e-mail a summary of the run when it ends, to whom (comma-separated addresses) and from whom.
export interface WorkflowNotification {
  readonly enabled: boolean;
  readonly to?: string | undefined;
  readonly from?: string | undefined;
}

export interface ExecutorLimits {
  readonly cpus?: number | undefined;
  readonly memoryBytes?: number | undefined;
  readonly jobs?: number | undefined; // tasks running at once
}

// The report files a workflow's configuration enables, by kind: absolute paths.
export interface WorkflowReports {
  readonly trace?: string | undefined;
  readonly report?: string | undefined;
  readonly timeline?: string | undefined;
  readonly dag?: string | undefined;
}

// What a format runtime does once the engine has run the tasks: its final output, and releasing what it holds.
export interface WorkflowSession {
  // Called after the run with its status and the root of its task work dirs; returns text for stdout (a CWL output
  // object) and an exit code to use.
  complete(
    status: 'succeeded' | 'failed' | 'cancelled',
    workRoot: string,
  ): Promise<{ readonly stdout?: string; readonly exitCode?: number }>;
  close(): Promise<void>;
}

// Creates an empty step graph.
export function createStepGraph(): StepGraph {
  return new DirectedGraph<StepAttributes, EdgeAttributes>();
}

// The steps in an order where every step comes after the steps it depends on; undefined on a cycle.
export function orderSteps(graph: StepGraph): string[] | undefined {
  if (hasCycle(graph)) return undefined;
  return topologicalSort(graph);
}
