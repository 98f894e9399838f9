import { lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFiles } from '../../../helpers/scratch-files.js';
import { runTool, tool } from './run-tool.js';

const { dir, fileWith } = scratchFiles('cwl-staging');
mkdirSync(join(dir, 'tree'));
const contentsOf = (run: { task: { outputs(): Record<string, unknown> } }, id: string): string =>
  (run.task.outputs()[id] as { contents: string }).contents;

describe('staging a tool', () => {
  it('stages secondaryFiles beside their primary file', async () => {
    const bam = fileWith('reads.bam', 'bam');
    fileWith('reads.bai', 'bai');
    const run = await runTool(
      dir,
      tool({
        baseCommand: ['sh', '-c', 'ls "$(dirname "$1")"', 'sh'],
        stdout: 'ls.txt',
        inputs: [{ id: 'bam', type: 'File', secondaryFiles: [{ pattern: '^.bai' }], inputBinding: {} }],
        outputs: [{ id: 'ls', type: 'File', outputBinding: { glob: 'ls.txt', loadContents: true } }],
      }),
      { bam: { class: 'File', location: bam } },
    );
    expect(contentsOf(run, 'ls')).toBe('reads.bai\nreads.bam\n');
  });

  it('writes Dirent text under its entryname and links input files into the output dir, passing their new path', async () => {
    const data = fileWith('data.txt', 'data');
    const run = await runTool(
      dir,
      tool({
        baseCommand: ['sh', '-c', 'cat config.txt; echo; echo "$1"', 'sh'],
        stdout: 'o.txt',
        requirements: [
          {
            class: 'InitialWorkDirRequirement',
            listing: [{ entryname: 'config.txt', entry: 'name=$(inputs.name)' }, '$(inputs.data)'],
          },
        ],
        inputs: [
          { id: 'name', type: 'string' },
          { id: 'data', type: 'File', inputBinding: {} },
        ],
        outputs: [{ id: 'o', type: 'File', outputBinding: { glob: 'o.txt', loadContents: true } }],
      }),
      { name: 'x', data: { class: 'File', location: data } },
    );
    expect(contentsOf(run, 'o')).toBe(`name=x\n${join(run.workDir, 'out', 'data.txt')}\n`);
    expect(lstatSync(join(run.workDir, 'out', 'data.txt')).isSymbolicLink()).toBe(true);
  });

  it('copies writable entries so the tool can change them without touching the input', async () => {
    const original = fileWith('counter.txt', '1');
    const run = await runTool(
      dir,
      tool({
        baseCommand: ['sh', '-c', 'echo 2 > counter.txt'],
        requirements: [
          { class: 'InitialWorkDirRequirement', listing: [{ entry: '$(inputs.counter)', writable: true }] },
        ],
        inputs: [{ id: 'counter', type: 'File' }],
        outputs: [{ id: 'counter', type: 'File', outputBinding: { glob: 'counter.txt', loadContents: true } }],
      }),
      { counter: { class: 'File', location: original } },
    );
    expect(contentsOf(run, 'counter')).toBe('2\n');
    expect(readFileSync(original, 'utf8')).toBe('1');
  });

  it('changes the input itself for writable entries under InplaceUpdateRequirement', async () => {
    const original = fileWith('inplace.txt', '1');
    await runTool(
      dir,
      tool({
        baseCommand: ['sh', '-c', 'echo 2 > inplace.txt'],
        requirements: [
          { class: 'InitialWorkDirRequirement', listing: [{ entry: '$(inputs.file)', writable: true }] },
          { class: 'InplaceUpdateRequirement', inplaceUpdate: true },
        ],
        inputs: [{ id: 'file', type: 'File' }],
      }),
      { file: { class: 'File', location: original } },
    );
    expect(readFileSync(original, 'utf8')).toBe('2\n');
  });

  it('writes file literals given in the job before the tool reads them', async () => {
    const run = await runTool(
      dir,
      tool({
        baseCommand: ['cat'],
        stdout: 'o.txt',
        inputs: [{ id: 'literal', type: 'File', inputBinding: {} }],
        outputs: [{ id: 'o', type: 'File', outputBinding: { glob: 'o.txt', loadContents: true } }],
      }),
      { literal: { class: 'File', basename: 'note.txt', contents: 'written by pipe' } },
    );
    expect(contentsOf(run, 'o')).toBe('written by pipe');
  });

  it('runs ShellCommandRequirement command lines with /bin/sh, leaving shellQuote: false parts unquoted', async () => {
    const run = await runTool(
      dir,
      tool({
        requirements: [{ class: 'ShellCommandRequirement' }],
        arguments: ['echo', 'a b', { valueFrom: '| tr a-z A-Z > o.txt', shellQuote: false }],
        outputs: [{ id: 'o', type: 'File', outputBinding: { glob: 'o.txt', loadContents: true } }],
      }),
      {},
    );
    expect(contentsOf(run, 'o')).toBe('A B\n');
  });
});

describe('preparing inputs', () => {
  it('rejects a job value of the wrong type with a parse error naming the input', async () => {
    const refused = runTool(dir, tool({ baseCommand: ['true'], inputs: [{ id: 'count', type: 'int' }] }), {
      count: 'three',
    });
    await expect(refused).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/Input `count`.*"three"/),
    });
  });

  it('passes a Directory by its staged path with its listing inside the staged folder', async () => {
    fileWith('tree/leaf.txt', 'leaf');
    const run = await runTool(
      dir,
      tool({
        baseCommand: ['echo'],
        arguments: ['$(inputs.d.listing[0].path)'],
        stdout: 'o.txt',
        requirements: [{ class: 'LoadListingRequirement', loadListing: 'shallow_listing' }],
        inputs: [{ id: 'd', type: 'Directory' }],
        outputs: [{ id: 'o', type: 'File', outputBinding: { glob: 'o.txt', loadContents: true } }],
      }),
      { d: { class: 'Directory', location: 'tree' } },
    );
    expect(contentsOf(run, 'o')).toBe(`${join(run.workDir, 'in', '0', 'tree', 'leaf.txt')}\n`);
  });
});
