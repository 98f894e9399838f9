// What the CWL interpreter needs from its surroundings: the expression evaluator, the CommandLineTool layer,
// and a way to hand a tool's task to the engine and learn how it ended.
import type { Resources, TaskHooks, TaskState } from '../../../engine/task.js';
import type { ExpressionScope } from '../expressions/index.js';
import type { CommandLineTool, CwlRequirement } from '../model.js';

// A CommandLineTool job prepared by the tool layer, ready for the engine.
export interface ToolTask {
  readonly identity: string;
  readonly resources: Resources;
  readonly env?: Readonly<Record<string, string>> | undefined;
  readonly hooks: TaskHooks;
  outputs(): Record<string, unknown>;
}

export interface ToolTaskContext {
  readonly evaluator: ExpressionScope;
  readonly requirements: readonly CwlRequirement[];
  readonly hints: readonly CwlRequirement[];
  readonly cwlVersion: string;
}

export type ToolTaskFactory = (
  tool: CommandLineTool,
  job: Record<string, unknown>,
  ctx: ToolTaskContext,
) => Promise<ToolTask>;

export interface RuntimeContext {
  readonly evaluator: ExpressionScope;
  readonly createToolTask: ToolTaskFactory;
  // Queues the task on the graph step `lane` under the label `path`; resolves with its final state.
  readonly submit: (lane: string, path: string, task: ToolTask) => Promise<TaskState>;
  readonly tmpRoot: string; // scratch space for ExpressionTool runtime dirs
  // `cwl:requirements` of the job object: above every requirement of every process in the run (cwltool's rule).
  readonly jobRequirements: readonly CwlRequirement[];
}
