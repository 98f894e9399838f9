// The step graph of a YAML task list: one step per task, an order edge per `after` entry, checked for cycles.
import { hasCycle } from 'graphology-dag';
import { createStepGraph } from '../../engine/graph.js';
import type { StepAttributes, StepGraph, TaskSource } from '../../engine/graph.js';
import type { StagingArea } from '../../engine/staging/staging-area.js';
import { fingerprintInputs, placeInputs, publishOutputs, resolveInputs } from '../../engine/staging/task-files.js';
import type { TaskHooks, TaskSpec, TaskVerdict } from '../../engine/task.js';
import { closestMatch } from '../common/edit-distance.js';
import { findCycle } from '../common/find-cycle.js';
import { lazyLocation, type StructuredDocument } from '../common/structured-document.js';
import type { TaskEntry } from './yaml-task.js';

// Builds the graph, rejecting duplicate ids, `after` entries naming no task, and cycles.
export function buildTaskGraph(
  tasks: readonly TaskEntry[],
  doc: StructuredDocument,
  staging: () => StagingArea,
): StepGraph {
  const graph = createStepGraph();
  const byId = new Map<string, TaskEntry>();
  for (const task of tasks) {
    const first = byId.get(task.id);
    if (first !== undefined) {
      const line = doc.locate([...first.path, 'id']).line;
      const message = `duplicate task id \`${task.id}\`: the task at line ${line} already uses it`;
      throw doc.error([...task.path, 'id'], message, 'give every task a unique id');
    }
    byId.set(task.id, task);
    graph.addNode(task.id, stepAttributes(task, doc, staging));
  }
  for (const task of tasks) {
    for (const ref of task.after) {
      if (ref.id === task.id) {
        const hint = 'a task cannot wait for itself; remove its own id from `after`';
        throw doc.error(ref.path, `task \`${task.id}\` lists itself in \`after\``, hint);
      }
      if (!byId.has(ref.id)) {
        const meant = closestMatch(ref.id, [...byId.keys()]);
        const hint = meant === undefined ? '`after` lists ids of tasks in this file' : `did you mean \`${meant}\`?`;
        throw doc.error(ref.path, `\`after\` names \`${ref.id}\`, which is not the id of any task`, hint);
      }
      graph.mergeEdge(ref.id, task.id, { kind: 'order' });
    }
  }
  if (hasCycle(graph)) throw cycleError(graph, byId, doc);
  return graph;
}

// The step for one task: a single non-light task keyed by its id (and the fingerprints of its input files).
function stepAttributes(task: TaskEntry, doc: StructuredDocument, staging: () => StagingArea): StepAttributes {
  const spec: TaskSpec = {
    id: task.id,
    stepId: task.id,
    index: 0,
    command: task.command,
    light: false,
    resources: task.resources,
    ...(task.retries === undefined ? {} : { retries: task.retries }),
    ...(task.tags === undefined ? {} : { tags: task.tags }),
  };
  return {
    id: task.id,
    name: task.id,
    location: lazyLocation(doc, task.path), // found when read: locating parses the file again for positions
    resources: task.resources,
    keyParts: { identity: `tasklist:${task.id}` },
    source: task.inputs.length === 0 && task.outputs.length === 0 ? singleTask(spec) : stagedTask(spec, task, staging),
  };
}

// A task with files: its inputs' fingerprints enter its key; they are fetched into the staging cache and linked into
// its work dir before it is submitted, and its outputs are put back once it succeeded.
function stagedTask(spec: TaskSpec, task: TaskEntry, staging: () => StagingArea): TaskSource {
  return {
    total: 1,
    async *tasks() {
      const area = staging();
      const hooks: TaskHooks = {
        async stage(workDir) {
          await placeInputs(workDir, await resolveInputs(area, task.inputs, task.id));
          return task.command;
        },
        async finish(end): Promise<TaskVerdict> {
          if (end.exitCode !== 0) return { ok: false };
          const problem = await publishOutputs(area, end.workDir, task.outputs, task.id, end.reused);
          return problem === undefined ? { ok: true } : { ok: false, reason: problem };
        },
      };
      yield { ...spec, inputsDigest: await fingerprintInputs(area, task.inputs), hooks };
    },
  };
}

// A task source yielding just this task.
function singleTask(spec: TaskSpec): TaskSource {
  return {
    total: 1,
    async *tasks() {
      yield spec;
    },
  };
}

// An error naming the tasks on one cycle, pointing at the `after` entry that closes it.
function cycleError(graph: StepGraph, byId: ReadonlyMap<string, TaskEntry>, doc: StructuredDocument): Error {
  const cycle = findCycle(graph) ?? [];
  const chain = [cycle[0], ...cycle.slice(1).reverse(), cycle[0]].map((id) => `\`${id}\``);
  const head = byId.get(cycle[0] ?? '');
  const closing = head?.after.find((ref) => ref.id === cycle[cycle.length - 1]);
  return doc.error(
    closing?.path ?? head?.path ?? [],
    `dependency cycle: ${chain[0]} waits for ${chain.slice(1).join(', which waits for ')}`,
    'tasks on a cycle can never start; remove one of these `after` entries',
  );
}
