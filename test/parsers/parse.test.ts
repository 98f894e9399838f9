import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode, ParseError } from '../../engine/errors.js';
import { parse } from '../../parsers/index.js';

const FIXTURES = resolve('fixtures/tasklists');

describe('parse', () => {
  it('gives the workflow an absolute file path even when given a relative one', async () => {
    const workflow = await parse(relative(process.cwd(), resolve(FIXTURES, 'commands.txt')));
    expect(workflow.file).toBe(resolve(FIXTURES, 'commands.txt'));
    expect(workflow.format).toBe('tasklist');
  });

  it('parses text and YAML task lists by their names', async () => {
    expect((await parse(resolve(FIXTURES, 'commands.txt'))).graph.nodes()).toEqual(['tasks']);
    expect((await parse(resolve(FIXTURES, 'pipeline.yaml'))).graph.order).toBe(4);
  });

  it('passes the command template on to text lists', async () => {
    const workflow = await parse(resolve(FIXTURES, 'files.txt'), { template: 'md5sum {}' });
    for await (const task of workflow.graph.getNodeAttributes('tasks').source.tasks(new AbortController().signal)) {
      expect(task.command).toBe('md5sum data/a.txt');
      break;
    }
  });

  it('reports a CWL document as not supported yet, with exit code 2 and a hint', async () => {
    const error: unknown = await parse(resolve(FIXTURES, 'cwl-tool.yaml')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({
      exitCode: ExitCode.Usage,
      message: expect.stringMatching(/is a CWL workflow, which this version cannot run yet/),
      hint: expect.stringMatching(/task lists/),
      location: { file: resolve(FIXTURES, 'cwl-tool.yaml') },
    });
  });

  it('reports a missing file as a parse error naming it', async () => {
    await expect(parse('no/such/tasks.txt')).rejects.toMatchObject({
      name: 'ParseError',
      message: `cannot read \`${resolve('no/such/tasks.txt')}\`: no such file`,
    });
  });
});
