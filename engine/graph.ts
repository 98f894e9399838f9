// The step graph every parser produces and the engine consumes.
import { DirectedGraph } from 'graphology';
import { hasCycle, topologicalSort } from 'graphology-dag';
import type { SourceLocation } from './errors.js';
import type { Resources, TaskSpec } from './task.js';

// What a step's tasks are expanded from; streamed so a million tasks never sit in memory at once.
export interface TaskSource {
  readonly total?: number | undefined; // known up front when cheap to know
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

export interface EdgeAttributes {
  readonly kind: 'order' | 'data';
  readonly fromPort?: string | undefined;
  readonly toPort?: string | undefined;
}

export type StepGraph = DirectedGraph<StepAttributes, EdgeAttributes>;

export type WorkflowFormat = 'tasklist' | 'cwl' | 'dsl';

export interface WorkflowGraph {
  readonly file: string; // absolute path of the workflow file
  readonly format: WorkflowFormat;
  readonly graph: StepGraph;
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
