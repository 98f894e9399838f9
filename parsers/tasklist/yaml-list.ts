// A YAML or JSON task list as a workflow: a list of tasks, or a map with a `tasks:` list.
import { extname } from 'node:path';
import { UsageError } from '../../engine/errors.js';
import type { ParseError } from '../../engine/errors.js';
import type { WorkflowGraph } from '../../engine/graph.js';
import { describeValue, isPlainMap } from '../common/describe-value.js';
import { closestMatch } from '../common/edit-distance.js';
import { readTextFile } from '../common/read-file.js';
import { loadStructuredDocument } from '../common/structured-document.js';
import type { NodePath, StructuredDocument } from '../common/structured-document.js';
import type { ParseOptions } from '../options.js';
import { stagingArea } from '../common/staging.js';
import { buildTaskGraph } from './yaml-graph.js';
import { readTask, type TaskEntry } from './yaml-task.js';

const EXAMPLE = [
  'e.g.',
  '  tasks:',
  '    - id: prepare',
  '      command: ./prepare.sh',
  '    - id: align',
  '      command: ./align.sh',
  '      after: [prepare]',
].join('\n');
const ROOT_FIELDS = ['tasks'] as const;
const CWL_FIELDS = ['class', 'cwlVersion'];

// Parses and validates a YAML or JSON task list into a graph of one step per task.
export async function parseYamlList(file: string, opts: ParseOptions = {}): Promise<WorkflowGraph> {
  if (opts.template !== undefined) {
    throw new UsageError('a command template applies only to text task lists', {
      hint: 'drop the template, or put the arguments one per line in a .txt file',
    });
  }
  const text = await readTextFile(file);
  const doc = loadStructuredDocument(file, text, extname(file).toLowerCase() === '.json' ? 'json' : 'yaml');
  const { items, path } = taskItems(doc);
  const tasks = items.map((item, index) => withTimeout(readTask(item, [...path, index], doc), opts.timeoutMs));
  return { file, format: 'tasklist', graph: buildTaskGraph(tasks, doc, () => stagingArea(opts)) };
}

// A task with --timeout as its time limit, unless it sets `time:` itself.
function withTimeout(task: TaskEntry, timeoutMs: number | undefined): TaskEntry {
  if (timeoutMs === undefined || task.resources.timeLimitMs !== undefined) return task;
  return { ...task, resources: { ...task.resources, timeLimitMs: timeoutMs } };
}

// The list of task values and its path: the document itself, or its `tasks:` entry.
function taskItems(doc: StructuredDocument): { items: readonly unknown[]; path: NodePath } {
  const root = doc.value;
  if (root === null || root === undefined) throw noTasks(doc, []);
  if (Array.isArray(root)) {
    if (root.length === 0) throw noTasks(doc, []);
    return { items: root, path: [] };
  }
  if (!isPlainMap(root)) {
    const hint = `a plain list of shell commands belongs in a .txt file; a YAML task list looks like this, ${EXAMPLE}`;
    throw doc.error([], `expected a list of tasks, got ${describeValue(root)}`, hint);
  }
  for (const key of Object.keys(root)) {
    if ((ROOT_FIELDS as readonly string[]).includes(key)) continue;
    if (CWL_FIELDS.includes(key)) {
      const message = `\`${key}\` makes this look like a CWL document, not a task list`;
      throw doc.error(
        [key],
        message,
        'to run it as CWL, name the file .cwl or start it with `#!/usr/bin/env cwl-runner`',
        'key',
      );
    }
    const meant = closestMatch(key, ROOT_FIELDS);
    const suggestion = meant === undefined ? '' : `did you mean \`${meant}\`? `;
    const hint = `${suggestion}a task list has only \`tasks:\`, a list of tasks`;
    throw doc.error([key], `unknown top-level field \`${key}\``, hint, 'key');
  }
  const tasks = root.tasks;
  if (tasks === undefined) throw doc.error([], 'no `tasks:` list in the task list', EXAMPLE);
  if (tasks === null) throw noTasks(doc, ['tasks']);
  if (!Array.isArray(tasks)) {
    const message = `\`tasks\` must be a list, got ${describeValue(tasks)}`;
    throw doc.error(['tasks'], message, `start each task with \`- \`, ${EXAMPLE}`);
  }
  if (tasks.length === 0) throw noTasks(doc, ['tasks']);
  return { items: tasks, path: ['tasks'] };
}

// The error for a list without tasks.
function noTasks(doc: StructuredDocument, path: NodePath): ParseError {
  return doc.error(path, 'no tasks in the task list', `add at least one task, ${EXAMPLE}`);
}
