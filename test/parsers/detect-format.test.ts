import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../engine/errors.js';
import { detectFormat } from '../../parsers/index.js';
import { scratchFiles } from '../helpers/scratch-files.js';

const FIXTURES = resolve('fixtures/tasklists');
const { dir, fileWith } = scratchFiles('detect');

describe('detectFormat', () => {
  it.each([
    ['commands.txt', 'tasklist'],
    ['pipeline.yaml', 'tasklist'],
    ['pipeline.json', 'tasklist'],
    ['cwl-tool.yaml', 'cwl'],
  ] as const)('detects %s as %s', async (fixture, format) => {
    expect(await detectFormat(join(FIXTURES, fixture))).toBe(format);
  });

  it.each([
    ['tool.cwl', 'anything', 'cwl'],
    ['main.nf', 'anything', 'dsl'],
    ['jobs', 'echo a\necho b\n', 'tasklist'],
    ['jobs.list', 'echo a\n', 'tasklist'],
    ['wf.yml', 'cwlVersion: v1.2\nclass: Workflow\n', 'cwl'],
    ['wf.json', '{"cwlVersion": "v1.2", "class": "Workflow"}', 'cwl'],
    ['tasks.json', '{"tasks": [{"id": "a", "command": "x", "tags": {"class": "big"}}]}', 'tasklist'],
    ['tasks.yaml', 'tasks:\n  - id: a\n    command: x\n    tags:\n      class: big\n', 'tasklist'],
    ['tool', '#!/usr/bin/env cwl-runner\ncwlVersion: v1.2\n', 'cwl'],
  ] as const)('detects %s holding %j as %s', async (name, content, format) => {
    expect(await detectFormat(fileWith(name, content))).toBe(format);
  });

  it('reports a YAML file it cannot read', async () => {
    await expect(detectFormat(join(dir, 'missing.yaml'))).rejects.toBeInstanceOf(ParseError);
  });
});
