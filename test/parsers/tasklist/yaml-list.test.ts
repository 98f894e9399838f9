import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseError, UsageError } from '../../../engine/errors.js';
import { orderSteps } from '../../../engine/graph.js';
import type { WorkflowGraph } from '../../../engine/graph.js';
import type { TaskSpec } from '../../../engine/task.js';
import { parseYamlList } from '../../../parsers/tasklist/yaml-list.js';
import { scratchFiles } from '../../helpers/scratch-files.js';

const FIXTURES = resolve('fixtures/tasklists');
const GiB = 1024 ** 3;
const { dir, fileWith } = scratchFiles('yaml');

// The single task of a step.
async function taskOf(workflow: WorkflowGraph, stepId: string): Promise<TaskSpec> {
  const tasks: TaskSpec[] = [];
  for await (const task of workflow.graph.getNodeAttributes(stepId).source.tasks(new AbortController().signal))
    tasks.push(task);
  expect(tasks).toHaveLength(1);
  return tasks[0]!;
}

// The ParseError that parsing `file` rejects with.
async function errorOf(file: string): Promise<ParseError> {
  const error: unknown = await parseYamlList(file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ParseError);
  return error as ParseError;
}

describe('YAML task lists', () => {
  it('become one step per task, with an order edge for each `after` entry', async () => {
    const workflow = await parseYamlList(join(FIXTURES, 'pipeline.yaml'));
    expect(workflow.graph.nodes()).toEqual(['prepare', 'align-1', 'align-2', '7']);
    const edges = workflow.graph.mapEdges((_edge, attributes, from, to) => [from, to, attributes.kind]);
    expect(edges).toEqual([
      ['prepare', 'align-1', 'order'],
      ['prepare', 'align-2', 'order'],
      ['align-1', '7', 'order'],
      ['align-2', '7', 'order'],
    ]);
    expect(orderSteps(workflow.graph)?.[0]).toBe('prepare');
  });

  it('convert resources, retries and tags, keeping multi-line commands', async () => {
    const workflow = await parseYamlList(join(FIXTURES, 'pipeline.yaml'));
    expect(await taskOf(workflow, 'align-1')).toEqual({
      id: 'align-1',
      stepId: 'align-1',
      index: 0,
      command: './align.sh --ref ref --sample 1\necho aligned 1\n',
      light: false,
      resources: { cpus: 4, memoryBytes: 8 * GiB, timeLimitMs: 5_400_000 },
      retries: 2,
      tags: { sample: 'S1', lane: '1' },
    });
    expect((await taskOf(workflow, 'prepare')).resources).toEqual({
      cpus: 1,
      memoryBytes: 2 * GiB,
      timeLimitMs: 1_800_000,
    });
    expect((await taskOf(workflow, '7')).resources.timeLimitMs).toBe(3_600_000);
  });

  it('give each step its source position and a cache identity of its id alone', async () => {
    const file = join(FIXTURES, 'pipeline.yaml');
    const step = (await parseYamlList(file)).graph.getNodeAttributes('align-2');
    expect(step.location).toEqual({ file, line: 17, column: 5 });
    expect(step.keyParts).toEqual({ identity: 'tasklist:align-2' });
    expect(step.source.total).toBe(1);
  });

  it('read the same tasks from JSON, with positions', async () => {
    const file = join(FIXTURES, 'pipeline.json');
    const workflow = await parseYamlList(file);
    expect(workflow.graph.nodes()).toEqual(['prepare', 'align', '3']);
    expect(workflow.graph.getNodeAttributes('align').location).toEqual({ file, line: 3, column: 3 });
    expect(await taskOf(workflow, 'align')).toMatchObject({ resources: { cpus: 2, timeLimitMs: 5_400_000 } });
    expect(await taskOf(workflow, '3')).toMatchObject({ tags: { sample: 'S1', lane: '1' } });
    expect(workflow.graph.hasEdge('align', '3')).toBe(true);
  });

  it('accept a top-level list of tasks and numeric ids', async () => {
    const workflow = await parseYamlList(
      fileWith('list.yaml', '- id: 1\n  command: echo one\n- id: 2\n  command: echo two\n  after: 1\n'),
    );
    expect(workflow.graph.hasEdge('1', '2')).toBe(true);
  });

  it('reject a command template, which only applies to text lists', async () => {
    await expect(parseYamlList(join(FIXTURES, 'pipeline.yaml'), { template: 'echo {}' })).rejects.toBeInstanceOf(
      UsageError,
    );
  });

  it('plan 10,000 tasks with dependencies', async () => {
    const lines = ['tasks:'];
    for (let i = 0; i < 10_000; i++) {
      lines.push(`  - id: t${i}`, `    command: echo ${i}`);
      if (i > 0) lines.push(`    after: [t${Math.floor((i - 1) / 2)}]`);
    }
    const workflow = await parseYamlList(fileWith('big.yaml', `${lines.join('\n')}\n`));
    expect(workflow.graph.order).toBe(10_000);
    expect(workflow.graph.size).toBe(9_999);
    expect(orderSteps(workflow.graph)).toHaveLength(10_000);
  });
});

describe('YAML task list errors', () => {
  it.each([
    // fixture, line, column, message, hint
    ['typo-field.yaml', 5, 5, /unknown task field `comand`/, /did you mean `command`\?.*`id`, `command`, `after`/],
    ['wrong-type.yaml', 4, 11, /`cpus` must be a positive integer, got "two"/, /cpus: 2/],
    ['wrong-type.json', 4, 57, /`memory` must be a memory size greater than zero, got "lots"/, /2 GB/],
    ['duplicate-id.yaml', 6, 9, /duplicate task id `align`: the task at line 2 already uses it/, /unique/],
    [
      'missing-after.yaml',
      6,
      22,
      /`after` names `preapre`, which is not the id of any task/,
      /did you mean `prepare`\?/,
    ],
    [
      'cycle.yaml',
      4,
      13,
      /dependency cycle: `a` waits for `c`, which waits for `b`, which waits for `a`/,
      /remove one/,
    ],
    ['malformed.yaml', 4, 4, /^invalid YAML: /, /./],
    ['malformed.json', 4, 5, /^invalid JSON: Expected ',' or ']' after array element/, /missing comma/],
    ['empty.yaml', 1, 1, /no tasks/, /add at least one task/],
    ['not-a-list.yaml', 1, 1, /expected a list of tasks, got "gzip -9 data\/a.txt"/, /\.txt file/],
  ])('%s is reported at %d:%d', async (fixture, line, column, message, hint) => {
    const file = join(FIXTURES, 'bad', fixture);
    const error = await errorOf(file);
    expect(error.location).toEqual({ file, line, column });
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(hint);
  });

  it.each([
    ['a task that is not a map', '- echo a\n', 1, 3, /task 1 must be a map/],
    ['a task without an id', '- command: echo a\n', 1, 3, /task 1 has no `id`/],
    ['a task without a command', '- id: a\n', 1, 3, /task `a` has no `command`/],
    [
      'a command YAML reads as a boolean',
      '- id: a\n  command: true\n',
      2,
      12,
      /`command` must be a non-empty string, got `true`/,
    ],
    ['an empty command', '- id: a\n  command: "  "\n', 2, 12, /`command` must be a non-empty string/],
    [
      'a negative retry count',
      '- id: a\n  command: x\n  retries: -1\n',
      3,
      12,
      /`retries` must be a non-negative integer, got `-1`/,
    ],
    [
      'a fractional cpu count',
      '- id: a\n  command: x\n  cpus: 1.5\n',
      3,
      9,
      /`cpus` must be a positive integer, got `1.5`/,
    ],
    [
      'an unreadable time',
      '- id: a\n  command: x\n  time: 1 fortnight\n',
      3,
      9,
      /`time` must be a duration greater than zero, got "1 fortnight"/,
    ],
    [
      'a nested tag',
      '- id: a\n  command: x\n  tags: {a: {b: 1}}\n',
      3,
      13,
      /tag `a` must be a string or number, got a map/,
    ],
    ['a task waiting for itself', '- id: a\n  command: x\n  after: [a]\n', 3, 11, /task `a` lists itself in `after`/],
    [
      'an `after` entry that is a map',
      '- id: a\n  command: x\n  after: [{id: b}]\n',
      3,
      11,
      /`after` must list task ids, got a map/,
    ],
    ['an unknown top-level field', 'tasks: []\nclass_: x\n', 2, 1, /unknown top-level field `class_`/],
    ['a map without tasks', 'jobs:\n  - id: a\n', 1, 1, /unknown top-level field `jobs`/],
    ['a `tasks` entry that is not a list', 'tasks:\n  id: a\n', 2, 3, /`tasks` must be a list, got a map/],
    ['an empty tasks list', 'tasks: []\n', 1, 8, /no tasks/],
    ['a CWL document', 'class: CommandLineTool\n', 1, 1, /look like a CWL document/],
    ['a repeated key', '- id: a\n  id: b\n  command: x\n', 2, 3, /^invalid YAML: Map keys must be unique/],
  ])('%s is reported at its position', async (_what, text, line, column, message) => {
    const file = fileWith('case.yaml', text);
    const error = await errorOf(file);
    expect(error.message).toMatch(message);
    expect(error.location).toEqual({ file, line, column });
    expect(error.hint).toBeTruthy();
  });

  it('suggests a synonym’s pipe name for fields from other tools', async () => {
    const error = await errorOf(fileWith('synonym.yaml', '- id: a\n  command: x\n  depends_on: [b]\n'));
    expect(error.hint).toMatch(/did you mean `after`\?/);
  });

  it('reports a missing file', async () => {
    const error = await errorOf(join(dir, 'missing.yaml'));
    expect(error.message).toMatch(/no such file/);
  });
});
