// A loaded CWL process and its job as the engine's step graph: one graph step per top-level workflow step (one
// for a lone tool), each fed by the interpreter through a blocking source, and a session that prints the output
// object and fills --outdir.
import { outputJson } from './output-json.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStepGraph, type WorkflowGraph } from '../../../engine/graph.js';
import type { TaskSpec, TaskState } from '../../../engine/task.js';
import type { WrapperOptions } from '../../../engine/workdir/index.js';
import type { ExpressionEvaluator } from '../expressions/index.js';
import type { CwlProcess, CwlRequirement } from '../model.js';
import { relocateOutputs } from './relocate-outputs.js';
import type { RuntimeContext, ToolTask, ToolTaskFactory } from './runtime-context.js';
import { runProcess } from './run-process.js';
import { createTaskChannel, type TaskChannel } from './task-channel.js';

// A tool's script (script.ts) is plain bash that only changes directory and execs the command: the local backend
// runs it directly (no .command.run); elsewhere it runs in a subshell of the wrapper, with its output straight into
// .command.out/.command.err (cwltool keeps no combined log either).
const TOOL_WRAPPER: WrapperOptions = { directOutput: true, inlineScript: true, direct: true };

export interface CwlGraphOptions {
  readonly evaluator: ExpressionEvaluator;
  readonly createToolTask: ToolTaskFactory;
  readonly outdir: string;
}

// Builds the graph and session for running `process` on `job`.
export function createCwlGraph(
  process: CwlProcess,
  job: Record<string, unknown>,
  opts: CwlGraphOptions,
): WorkflowGraph {
  const file = process.source.file;
  const lone = process.class !== 'Workflow' ? basename(file).replace(/\.cwl$/, '') || 'tool' : undefined;
  const lanes = process.class === 'Workflow' ? process.steps.map((step) => step.id) : [lone as string];
  let run: Promise<Record<string, unknown>> | undefined;
  const channels = new Map<string, TaskChannel>();
  const start = (): Promise<Record<string, unknown>> => (run ??= begin());
  for (const lane of lanes)
    channels.set(
      lane,
      createTaskChannel(() => void start().catch(() => undefined)),
    );
  const counters = new Map<string, number>();
  const occurrences = new Map<string, number>();
  const tmpRoot = mkdtempSync(join(tmpdir(), 'pipe-cwl-'));

  const submit = (lane: string, path: string, task: ToolTask): Promise<TaskState> =>
    new Promise((resolve) => {
      const channel = channels.get(lane) ?? channels.get(lanes[0] as string);
      const index = counters.get(lane) ?? 0;
      counters.set(lane, index + 1);
      const stepId = channels.has(lane) ? lane : (lanes[0] as string);
      // Identical tasks of a step (a scatter over an input the command does not use) keep distinct keys and work dirs.
      const same = `${stepId}\0${task.identity}`;
      const occurrence = occurrences.get(same) ?? 0;
      occurrences.set(same, occurrence + 1);
      const spec: TaskSpec = {
        id: path,
        stepId,
        index,
        ...(occurrence === 0 ? {} : { occurrence }),
        command: task.identity,
        light: false,
        wrapper: TOOL_WRAPPER,
        resources: task.resources,
        env: task.env,
        tag: path,
        hooks: {
          ...task.hooks,
          settled: (state) => {
            task.hooks.settled?.(state);
            resolve(state);
          },
        },
      };
      channel?.push(spec);
    });

  const jobRequirements = Array.isArray(job['cwl:requirements']) ? (job['cwl:requirements'] as CwlRequirement[]) : [];
  const rt: RuntimeContext = {
    evaluator: opts.evaluator,
    createToolTask: opts.createToolTask,
    submit,
    tmpRoot,
    jobRequirements,
  };
  const begin = async (): Promise<Record<string, unknown>> => {
    try {
      const outputs = await runProcess(
        { process, given: job, outer: { requirements: [], hints: [] }, lane: lone, path: lone ?? '' },
        rt,
      );
      for (const channel of channels.values()) channel.end();
      return outputs;
    } catch (error) {
      for (const channel of channels.values()) channel.fail(error);
      throw error;
    }
  };

  const graph = createStepGraph();
  for (const lane of lanes) {
    const channel = channels.get(lane) as TaskChannel;
    const step = process.class === 'Workflow' ? process.steps.find((s) => s.id === lane) : undefined;
    const where = step?.source ?? process.source;
    graph.addNode(lane, {
      id: lane,
      name: lane,
      location: where, // found when read: the document is parsed for positions only to point into it
      resources: { cpus: 1 },
      keyParts: { identity: `${process.id}#${lane}` },
      source: { blocking: true, tasks: () => channel.stream() },
    });
  }
  if (process.class === 'Workflow') {
    for (const step of process.steps) {
      for (const input of step.in) {
        for (const source of input.source ?? []) {
          const from = source.split('/')[0] as string;
          if (source.includes('/') && graph.hasNode(from) && from !== step.id && !graph.hasEdge(from, step.id))
            graph.addEdge(from, step.id, { kind: 'stream' });
        }
      }
    }
  }
  return {
    file: file.startsWith('file:') ? fileURLToPath(file) : file,
    format: 'cwl',
    graph,
    session: {
      async complete(status, workRoot) {
        if (status !== 'succeeded') return {};
        const outputs = await start();
        const relocated = await relocateOutputs(outputs, opts.outdir, workRoot);
        return { stdout: `${outputJson(relocated)}\n`, exitCode: 0 };
      },
      async close() {
        await opts.evaluator.close();
        rmSync(tmpRoot, { recursive: true, force: true });
      },
    },
  };
}
