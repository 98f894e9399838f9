import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContainerEngine } from '../../../../../parsers/cwl/tool/container/index.js';
import { createToolTask } from '../../../../../parsers/cwl/tool/index.js';
import type { CommandLineTool } from '../../../../../parsers/cwl/model.js';
import { scratchFiles } from '../../../../helpers/scratch-files.js';
import { evaluator, tool } from '../run-tool.js';

const { dir, fileWith } = scratchFiles('cwl-container-task');
const holding: ContainerEngine = { command: 'podman', ensureImage: async () => ({ ok: true, id: 'sha256:1111' }) };
const lacking: ContainerEngine = {
  command: 'podman',
  ensureImage: async (image) => ({ ok: false, reason: `podman has no image ${image}` }),
};
const docker = (fields: Record<string, unknown> = {}) => ({
  class: 'DockerRequirement',
  dockerPull: 'docker.io/debian:stable-slim',
  ...fields,
});
let runs = 0;

// Stages the tool's task into a fresh work dir and returns the work dir and the script's podman command line.
async function staged(
  definition: CommandLineTool,
  job: Record<string, unknown>,
): Promise<{ workDir: string; command: string }> {
  const task = await createToolTask(definition, job, { evaluator, baseDir: dir, containers: holding });
  const workDir = join(dir, `work-${runs++}`);
  mkdirSync(workDir, { recursive: true });
  const script = await task.hooks.stage!(workDir, new AbortController().signal, 1);
  return { workDir, command: script.split('\n')[2] ?? '' };
}

describe('a tool with a required DockerRequirement', () => {
  it('runs in its image with the input files mounted read-only where the command line names them', async () => {
    const data = fileWith('data.txt', 'data');
    const { workDir, command } = await staged(
      tool({ baseCommand: ['cat'], requirements: [docker()], inputs: [{ id: 'f', type: 'File', inputBinding: {} }] }),
      { f: { class: 'File', location: data } },
    );
    expect(command).toMatch(/^exec podman run .* docker\.io\/debian:stable-slim cat \S+\/in\/0\/data\.txt$/);
    expect(command).toContain(`--mount=type=bind,source=${workDir}/in,destination=${workDir}/in,ro=true`);
    expect(command).toContain(`--mount=type=bind,source=${data},destination=${data},ro=true`);
    expect(command).toContain(`--mount=type=bind,source=${workDir}/out,destination=/var/spool/cwl `);
  });

  it('sees its output dir at dockerOutputDirectory, as $(runtime.outdir) and for files placed there', async () => {
    const data = fileWith('placed.txt', 'placed');
    const definition = tool({
      baseCommand: ['echo'],
      arguments: ['$(runtime.outdir)', '$(inputs.f.path)'],
      requirements: [
        docker({ dockerOutputDirectory: '/output' }),
        { class: 'InitialWorkDirRequirement', listing: ['$(inputs.f)'] },
      ],
      inputs: [{ id: 'f', type: 'File' }],
    });
    const { workDir, command } = await staged(definition, { f: { class: 'File', location: data } });
    expect(command).toMatch(/ echo \/output \/output\/placed\.txt$/);
    expect(command).toContain(`--mount=type=bind,source=${workDir}/out,destination=/output `);
    expect(command).toContain('--workdir=/output');
  });

  it('mounts an InitialWorkDir entry with an absolute entryname at that path inside the container', async () => {
    const definition = tool({
      baseCommand: ['cat', '/etc/tool/settings.conf'],
      requirements: [
        docker(),
        { class: 'InitialWorkDirRequirement', listing: [{ entryname: '/etc/tool/settings.conf', entry: 'verbose=1' }] },
      ],
    });
    const { workDir, command } = await staged(definition, {});
    expect(command).toContain(
      `--mount=type=bind,source=${workDir}/mnt/etc/tool/settings.conf,destination=/etc/tool/settings.conf,ro=true`,
    );
  });

  it('has network only when NetworkAccess allows it', async () => {
    expect((await staged(tool({ baseCommand: ['true'], requirements: [docker()] }), {})).command).toContain(
      '--network=none',
    );
    expect(
      (
        await staged(
          tool({ baseCommand: ['true'], requirements: [docker(), { class: 'NetworkAccess', networkAccess: true }] }),
          {},
        )
      ).command,
    ).not.toContain('--network');
  });

  it('puts the image id in the task identity, so a changed image runs the task again on resume', async () => {
    const definition = tool({ baseCommand: ['true'], requirements: [docker()] });
    const other: ContainerEngine = { command: 'podman', ensureImage: async () => ({ ok: true, id: 'sha256:2222' }) };
    const first = await createToolTask(definition, {}, { evaluator, baseDir: dir, containers: holding });
    const again = await createToolTask(definition, {}, { evaluator, baseDir: dir, containers: holding });
    const rebuilt = await createToolTask(definition, {}, { evaluator, baseDir: dir, containers: other });
    expect(first.identity).toContain('image:sha256:1111');
    expect(again.identity).toBe(first.identity);
    expect(rebuilt.identity).not.toBe(first.identity);
  });

  it('exits 33 naming the image when the engine has no such image and cannot pull it', async () => {
    const refused = createToolTask(
      tool({ baseCommand: ['true'], requirements: [docker()] }),
      {},
      { evaluator, baseDir: dir, containers: lacking },
    );
    await expect(refused).rejects.toMatchObject({
      exitCode: 33,
      message: expect.stringContaining('podman has no image docker.io/debian:stable-slim'),
    });
  });

  it('reads the paths a tool wrote into cwl.output.json inside the container as host paths', async () => {
    const task = await createToolTask(
      tool({ baseCommand: ['true'], requirements: [docker()], outputs: [{ id: 'r', type: 'File' }] }),
      {},
      { evaluator, baseDir: dir, containers: holding },
    );
    const workDir = join(dir, `work-${runs++}`);
    mkdirSync(join(workDir, 'out'), { recursive: true });
    writeFileSync(join(workDir, 'out', 'r.txt'), 'result');
    writeFileSync(
      join(workDir, 'out', 'cwl.output.json'),
      JSON.stringify({ r: { class: 'File', path: '/var/spool/cwl/r.txt' } }),
    );
    expect((await task.hooks.finish!({ exitCode: 0, workDir, reused: false, attempt: 1 })).ok).toBe(true);
    expect(task.outputs()['r']).toMatchObject({ path: join(workDir, 'out', 'r.txt'), size: 6 });
  });
});
