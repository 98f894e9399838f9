import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseError, UsageError } from '../../../engine/errors.js';
import type { WorkflowGraph } from '../../../engine/graph.js';
import type { TaskSpec } from '../../../engine/task.js';
import { parseTextList } from '../../../parsers/tasklist/text-list.js';
import { scratchFiles } from '../../helpers/scratch-files.js';

const FIXTURES = resolve('fixtures/tasklists');
const { dir, fileWith } = scratchFiles('text');

// All tasks of the workflow's single step.
async function tasksOf(workflow: WorkflowGraph): Promise<TaskSpec[]> {
  const tasks: TaskSpec[] = [];
  for await (const task of workflow.graph.getNodeAttributes('tasks').source.tasks(new AbortController().signal))
    tasks.push(task);
  return tasks;
}

describe('text task lists', () => {
  it('become one step named after the file, keyed by "tasklist" alone so a renamed file still resumes', async () => {
    const workflow = await parseTextList(join(FIXTURES, 'commands.txt'));
    expect(workflow.format).toBe('tasklist');
    expect(workflow.graph.order).toBe(1);
    const step = workflow.graph.getNodeAttributes('tasks');
    expect(step).toMatchObject({
      id: 'tasks',
      name: 'commands.txt',
      resources: { cpus: 1 },
      keyParts: { identity: 'tasklist' },
    });
    expect(step.source.total).toBe(5);
  });

  it('make a light task of every command line, with its line number as id', async () => {
    const tasks = await tasksOf(await parseTextList(join(FIXTURES, 'commands.txt')));
    expect(tasks.map((t) => [t.id, t.index, t.command])).toEqual([
      ['2', 0, 'gzip -9 data/a.txt'],
      ['5', 1, 'gzip -9 data/b.txt'],
      ['6', 2, 'echo done'],
      ['7', 3, 'gzip -9 data/a.txt'],
      ['8', 4, 'echo done'],
    ]);
    expect(tasks.every((t) => t.light && t.stepId === 'tasks' && t.resources.cpus === 1)).toBe(true);
  });

  it('count earlier identical commands so repeated lines keep distinct cache keys', async () => {
    const tasks = await tasksOf(await parseTextList(join(FIXTURES, 'commands.txt')));
    expect(tasks.map((t) => t.occurrence)).toEqual([0, 0, 0, 1, 1]);
  });

  it('leave the occurrence of other lines alone when a line is inserted', async () => {
    const before = await tasksOf(await parseTextList(fileWith('v1.txt', 'echo a\necho b\necho a\n')));
    const after = await tasksOf(await parseTextList(fileWith('v2.txt', 'echo new\necho a\necho b\necho a\n')));
    const key = (t: TaskSpec): string => `${t.command}#${t.occurrence}`;
    expect(after.map(key)).toEqual(['echo new#0', ...before.map(key)]);
  });

  it('substitute each line into a template as a shell-quoted argument, numbering jobs from 1', async () => {
    const workflow = await parseTextList(join(FIXTURES, 'files.txt'), { template: 'gzip -9 {} && echo {#}:{/.}' });
    expect((await tasksOf(workflow)).map((t) => [t.id, t.command])).toEqual([
      ['1', 'gzip -9 data/a.txt && echo 1:a'],
      ['2', 'gzip -9 data/b.tar.gz && echo 2:b.tar'],
      ['5', "gzip -9 'data/my notes.md' && echo 3:'my notes'"],
    ]);
  });

  it('append the line to a template without replacement strings, as GNU parallel does', async () => {
    const workflow = await parseTextList(join(FIXTURES, 'files.txt'), { template: 'wc -l' });
    expect((await tasksOf(workflow))[0]?.command).toBe('wc -l data/a.txt');
  });

  it('run lines in work dirs when output capture is asked for', async () => {
    const tasks = await tasksOf(await parseTextList(join(FIXTURES, 'commands.txt'), { capture: true }));
    expect(tasks.every((t) => !t.light)).toBe(true);
  });

  it('reject a file with only blank lines and comments', async () => {
    await expect(parseTextList(join(FIXTURES, 'bad/comments-only.txt'))).rejects.toMatchObject({
      name: 'ParseError',
      message: expect.stringMatching(/no tasks/),
      hint: expect.stringMatching(/one shell command per line/),
    });
  });

  it('reject an empty file', async () => {
    await expect(parseTextList(fileWith('empty.txt', ''))).rejects.toThrow(/no tasks/);
  });

  it('reject a binary file', async () => {
    await expect(parseTextList(fileWith('data.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1])))).rejects.toThrow(
      /not a text file/,
    );
  });

  it('report a missing file with its path and a hint', async () => {
    const missing = join(dir, 'missing.txt');
    const error: unknown = await parseTextList(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({ message: `cannot read \`${missing}\`: no such file`, location: { file: missing } });
    expect((error as ParseError).hint).toMatch(/check the path/);
  });

  it('reject an empty template', async () => {
    await expect(parseTextList(join(FIXTURES, 'files.txt'), { template: '  ' })).rejects.toBeInstanceOf(UsageError);
  });

  it('stream a million lines with flat memory, counting them up front', async () => {
    const file = fileWith('million.txt', 'true\n'.repeat(1_000_000));
    const workflow = await parseTextList(file);
    expect(workflow.graph.getNodeAttributes('tasks').source.total).toBe(1_000_000);
    const heapBefore = process.memoryUsage().heapUsed;
    let count = 0;
    let last: TaskSpec | undefined;
    let heapPeak = 0;
    for await (const task of workflow.graph.getNodeAttributes('tasks').source.tasks(new AbortController().signal)) {
      count++;
      last = task;
      if (count % 100_000 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
    expect(count).toBe(1_000_000);
    expect(last).toMatchObject({ id: '1000000', index: 999_999, occurrence: 999_999 });
    expect(heapPeak - heapBefore).toBeLessThan(64 * 2 ** 20);
  });
});
