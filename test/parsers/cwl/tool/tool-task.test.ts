import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFiles } from '../../../helpers/scratch-files.js';
import { runTool, tool } from './run-tool.js';

const { dir, fileWith } = scratchFiles('cwl-tool');

describe('a CommandLineTool task', () => {
  it('runs the command in the output dir and collects a globbed file with checksum and size', async () => {
    const run = await runTool(
      dir,
      tool({
        baseCommand: ['sh', '-c', 'echo "$1" > out.txt', 'sh'],
        inputs: [{ id: 'message', type: 'string', inputBinding: { position: 1 } }],
        outputs: [{ id: 'out', type: 'File', outputBinding: { glob: 'out.txt' } }],
      }),
      { message: 'hello world' },
    );
    expect(run.ok).toBe(true);
    const path = join(run.workDir, 'out', 'out.txt');
    expect(run.task.outputs()).toEqual({
      out: {
        class: 'File',
        location: `file://${path}`,
        path,
        basename: 'out.txt',
        size: 12,
        checksum: 'sha1$22596363b3de40b06f981fb85d82312e8c0ed511',
      },
    });
  });

  it('captures stdout to the named file and passes staged input paths', async () => {
    const input = fileWith('input.txt', 'abc\n');
    const run = await runTool(
      dir,
      tool({
        baseCommand: ['cat'],
        stdout: 'cat-out.txt',
        inputs: [{ id: 'file', type: 'File', inputBinding: {} }],
        outputs: [{ id: 'out', type: 'File', outputBinding: { glob: 'cat-out.txt', loadContents: true } }],
      }),
      { file: { class: 'File', location: input } },
    );
    expect(run.ok).toBe(true);
    expect((run.task.outputs()['out'] as { contents: string }).contents).toBe('abc\n');
    expect(run.script).toContain(join(run.workDir, 'in'));
  });

  it('sets HOME and TMPDIR to the output and temporary dirs and applies EnvVarRequirement', async () => {
    const run = await runTool(
      dir,
      tool({
        baseCommand: ['env'],
        stdout: 'env.txt',
        requirements: [{ class: 'EnvVarRequirement', envDef: [{ envName: 'GREETING', envValue: '$(inputs.who)' }] }],
        inputs: [{ id: 'who', type: 'string' }],
        outputs: [{ id: 'env', type: 'File', outputBinding: { glob: 'env.txt', loadContents: true } }],
      }),
      { who: 'hi there' },
    );
    const env = (run.task.outputs()['env'] as { contents: string }).contents;
    expect(env).toContain(`HOME=${join(run.workDir, 'out')}\n`);
    expect(env).toContain(`TMPDIR=${join(run.workDir, 'tmp')}\n`);
    expect(env).toContain('GREETING=hi there\n');
  });

  it('fails with a non-zero exit unless it is a success code, and 0 when listed as a permanent failure', async () => {
    const exit = (code: number, fields: object) =>
      runTool(dir, tool({ baseCommand: ['sh', '-c', `exit ${code}`], ...fields }), {});
    expect((await exit(1, {})).ok).toBe(false);
    expect((await exit(7, { successCodes: [7] })).ok).toBe(true);
    expect((await exit(0, { permanentFailCodes: [0] })).ok).toBe(false);
  });

  it('fails when a required output file is missing, and gives null for an optional one', async () => {
    const missing = await runTool(
      dir,
      tool({ baseCommand: ['true'], outputs: [{ id: 'out', type: 'File', outputBinding: { glob: 'nope.txt' } }] }),
      {},
    );
    expect(missing.ok).toBe(false);
    expect(missing.reason).toMatch(/Did not find output file for `out`/);
    const optional = await runTool(
      dir,
      tool({
        baseCommand: ['true'],
        outputs: [{ id: 'out', type: ['null', 'File'], outputBinding: { glob: 'nope.txt' } }],
      }),
      {},
    );
    expect(optional.task.outputs()).toEqual({ out: null });
  });

  it('reads cwl.output.json as the output object when the tool writes one', async () => {
    const run = await runTool(
      dir,
      tool({
        baseCommand: [
          'sh',
          '-c',
          'echo x > f.txt; echo \'{"n": 3, "f": {"class": "File", "location": "f.txt"}}\' > cwl.output.json',
        ],
        outputs: [{ id: 'n', type: 'int' }],
      }),
      {},
    );
    const outputs = run.task.outputs() as { n: number; f: { size: number; basename: string } };
    expect([outputs.n, outputs.f.size, outputs.f.basename]).toEqual([3, 2, 'f.txt']);
  });

  it('evaluates outputEval with self the globbed files and runtime.exitCode', async () => {
    const run = await runTool(
      dir,
      tool({
        baseCommand: ['sh', '-c', 'echo 42 > n.txt; exit 3'],
        successCodes: [3],
        outputs: [
          {
            id: 'n',
            type: 'int',
            outputBinding: { glob: 'n.txt', loadContents: true, outputEval: '$(parseInt(self[0].contents))' },
          },
          { id: 'code', type: 'int', outputBinding: { outputEval: '$(runtime.exitCode)' } },
        ],
        requirements: [{ class: 'InlineJavascriptRequirement' }],
      }),
      {},
    );
    expect(run.task.outputs()).toEqual({ n: 42, code: 3 });
  });

  it('gives an identity without the work dir, the same for the same job and different for another', async () => {
    const echo = tool({ baseCommand: ['echo'], inputs: [{ id: 'm', type: 'string', inputBinding: {} }] });
    const first = await runTool(dir, echo, { m: 'a' });
    const again = await runTool(dir, echo, { m: 'a' });
    const other = await runTool(dir, echo, { m: 'b' });
    expect(first.task.identity).toBe(again.task.identity);
    expect(first.task.identity).not.toBe(other.task.identity);
    expect(first.task.identity).not.toContain(first.workDir);
  });

  it('gives another identity when an input file changes', async () => {
    const input = fileWith('changing.txt', 'one');
    const cat = tool({ baseCommand: ['cat'], inputs: [{ id: 'f', type: 'File', inputBinding: {} }] });
    const before = await runTool(dir, cat, { f: { class: 'File', location: input } });
    fileWith('changing.txt', 'three');
    const after = await runTool(dir, cat, { f: { class: 'File', location: input } });
    expect(after.task.identity).not.toBe(before.task.identity);
  });

  it('gives a unique identity when WorkReuse disables reuse', async () => {
    const echo = tool({ baseCommand: ['echo'], hints: [{ class: 'WorkReuse', enableReuse: false }] });
    const first = await runTool(dir, echo, {});
    const again = await runTool(dir, echo, {});
    expect(first.task.identity).not.toBe(again.task.identity);
  });

  it('reads the file contents limit and the stdin redirection from the staged input', async () => {
    const input = fileWith('stdin.txt', 'from stdin\n');
    const run = await runTool(
      dir,
      tool({
        baseCommand: ['cat'],
        stdin: '$(inputs.file.path)',
        stdout: 'o.txt',
        inputs: [{ id: 'file', type: 'File' }],
        outputs: [{ id: 'o', type: 'File', outputBinding: { glob: 'o.txt' } }],
      }),
      { file: { class: 'File', location: input } },
    );
    expect(readFileSync(join(run.workDir, 'out', 'o.txt'), 'utf8')).toBe('from stdin\n');
  });
});
