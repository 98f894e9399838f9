import { relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
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

  it('hands a YAML file that is a CWL document to the CWL parser, whatever its extension', async () => {
    const workflow = await parse(resolve(FIXTURES, 'cwl-tool.yaml'), { outdir: resolve('.') });
    try {
      expect(workflow.format).toBe('cwl');
      expect(workflow.graph.order).toBe(1);
    } finally {
      await workflow.session?.close();
    }
  });

  it('reports a missing file as a parse error naming it', async () => {
    await expect(parse('no/such/tasks.txt')).rejects.toMatchObject({
      name: 'ParseError',
      message: `cannot read \`${resolve('no/such/tasks.txt')}\`: no such file`,
    });
  });
});
