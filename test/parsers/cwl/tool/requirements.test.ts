import { describe, expect, it } from 'vitest';
import { UnsupportedError } from '../../../../engine/errors.js';
import { scratchFiles } from '../../../helpers/scratch-files.js';
import { runTool, tool } from './run-tool.js';

const { dir } = scratchFiles('cwl-requirements');

describe('tool requirements', () => {
  it('refuses an unknown requirement with exit code 33, naming it, and ignores an unknown hint', async () => {
    const refused = runTool(dir, tool({ baseCommand: ['true'], requirements: [{ class: 'MagicRequirement' }] }), {});
    await expect(refused).rejects.toBeInstanceOf(UnsupportedError);
    await expect(refused).rejects.toThrow(/`MagicRequirement`/);
    expect((await runTool(dir, tool({ baseCommand: ['true'], hints: [{ class: 'MagicRequirement' }] }), {})).ok).toBe(
      true,
    );
  });

  it('runs a tool whose DockerRequirement is a hint, and refuses one that requires it when there are no containers, as cwltool --no-container does', async () => {
    const docker = { class: 'DockerRequirement', dockerPull: 'debian:stable-slim' };
    expect((await runTool(dir, tool({ baseCommand: ['true'], hints: [docker] }), {})).ok).toBe(true);
    const required = runTool(dir, tool({ baseCommand: ['true'], requirements: [docker] }), {}, { containers: false });
    await expect(required).rejects.toMatchObject({ exitCode: 33 });
  });

  it('runs a tool that requires a container natively when asked to', async () => {
    const docker = { class: 'DockerRequirement', dockerPull: 'debian:stable-slim' };
    expect(
      (await runTool(dir, tool({ baseCommand: ['true'], requirements: [docker] }), {}, { withoutContainer: 'native' }))
        .ok,
    ).toBe(true);
  });

  it('asks the engine for the cores, memory and time limit the tool declares, and shows them as runtime', async () => {
    const run = await runTool(
      dir,
      tool({
        baseCommand: ['echo'],
        arguments: ['$(runtime.cores)', '$(runtime.ram)'],
        stdout: 'o.txt',
        requirements: [
          { class: 'ResourceRequirement', coresMin: '$(inputs.n)', ramMin: 100 },
          { class: 'ToolTimeLimit', timelimit: 30 },
        ],
        inputs: [{ id: 'n', type: 'int' }],
        outputs: [{ id: 'o', type: 'File', outputBinding: { glob: 'o.txt', loadContents: true } }],
      }),
      { n: 2 },
    );
    expect(run.task.resources).toEqual({ cpus: 2, memoryBytes: 100 * 1024 * 1024, timeLimitMs: 30_000 });
    expect((run.task.outputs()['o'] as { contents: string }).contents).toBe('2 100\n');
  });

  it('lets requirements in the job object (cwl:requirements) override those of the tool', async () => {
    const run = await runTool(
      dir,
      tool({
        baseCommand: ['sh', '-c', 'echo $TEST_ENV'],
        stdout: 'o.txt',
        requirements: [{ class: 'EnvVarRequirement', envDef: [{ envName: 'TEST_ENV', envValue: 'tool' }] }],
        outputs: [{ id: 'o', type: 'File', outputBinding: { glob: 'o.txt', loadContents: true } }],
      }),
      { 'cwl:requirements': [{ class: 'EnvVarRequirement', envDef: [{ envName: 'TEST_ENV', envValue: 'job' }] }] },
    );
    expect((run.task.outputs()['o'] as { contents: string }).contents).toBe('job\n');
  });
});
