import { describe, expect, it } from 'vitest';
import {
  containerImage,
  containerMounts,
  containerRunCommand,
  sharedPrefixes,
  withRegistry,
} from '../../../../../parsers/dsl/runtime/process/container.js';
import {
  containerSettings,
  type ContainerSettings,
} from '../../../../../parsers/dsl/runtime/config/container-settings.js';

const settings = (entries: Record<string, unknown>): ContainerSettings => {
  const found = containerSettings(new Map(Object.entries(entries)));
  if (found === undefined) throw new Error('no engine enabled');
  return found;
};
const docker = settings({ 'docker.enabled': true });

describe('the image of a process container', () => {
  it('is ignored when the directive names none', () => {
    for (const value of [undefined, null, false, '', '  ']) expect(containerImage(value, docker, 'P')).toBeUndefined();
  });

  it('gets docker.registry in front unless its first component names a registry (holds . or :)', () => {
    expect(withRegistry('biocontainers/fastqc:0.12.1', 'quay.io')).toBe('quay.io/biocontainers/fastqc:0.12.1');
    expect(withRegistry('ubuntu', 'quay.io/')).toBe('quay.io/ubuntu');
    expect(withRegistry('docker.io/library/debian:12', 'quay.io')).toBe('docker.io/library/debian:12');
    expect(withRegistry('localhost:5000/tool:1', 'quay.io')).toBe('localhost:5000/tool:1');
    expect(withRegistry('biocontainers/fastqc:0.12.1', undefined)).toBe('biocontainers/fastqc:0.12.1');
  });

  it('runs a Singularity image by its Docker origin: docker:// names and Galaxy depot BioContainers', () => {
    const singularity = settings({ 'singularity.enabled': true, 'singularity.registry': 'quay.io' });
    expect(containerImage('docker://biocontainers/fastqc:0.12.1', singularity, 'P')).toBe(
      'quay.io/biocontainers/fastqc:0.12.1',
    );
    expect(
      containerImage('https://depot.galaxyproject.org/singularity/fastqc:0.12.1--hdfd78af_0', singularity, 'P'),
    ).toBe('quay.io/biocontainers/fastqc:0.12.1--hdfd78af_0');
  });

  it('refuses Singularity image files and other URLs, naming the process and the image', () => {
    const apptainer = settings({ 'apptainer.enabled': true });
    for (const image of ['oras://community.wave.seqera.io/library/x:1', '/images/tool.sif', 'library://a/b/c'])
      expect(() => containerImage(image, apptainer, 'WF:TOOL')).toThrow(
        `process \`WF:TOOL\`: the apptainer image \`${image}\` is not a Docker image`,
      );
  });
});

describe('the container settings of a config', () => {
  it('are undefined when no engine is enabled, and an error when two are', () => {
    expect(containerSettings(new Map([['docker.enabled', false]]))).toBeUndefined();
    expect(() =>
      containerSettings(
        new Map<string, unknown>([
          ['docker.enabled', true],
          ['podman.enabled', true],
        ]),
      ),
    ).toThrow('more than one container engine is enabled: docker, podman');
  });

  it('refuse engines other than docker, podman, singularity and apptainer', () => {
    expect(() => containerSettings(new Map([['charliecloud.enabled', true]]))).toThrow(
      'pipe runs containers through podman only',
    );
  });

  it('read the options of the enabled scope', () => {
    const read = settings({
      'podman.enabled': true,
      'podman.runOptions': '-u $(id -u)',
      'podman.envWhitelist': 'A, B',
      'podman.writableInputMounts': false,
      'podman.temp': 'auto',
      'docker.runOptions': 'ignored',
    });
    expect(read).toMatchObject({
      engine: 'podman',
      runOptions: ['-u $(id -u)'],
      envWhitelist: ['A', 'B'],
      readOnlyInputs: true,
      temp: true,
      remove: true,
    });
  });
});

describe('the mounts of a task container', () => {
  it('are the longest path shared under each top-level directory, as Nextflow PathTrie.longest()', () => {
    expect(sharedPrefixes(['/home/data/work', '/home/data/db'])).toEqual(['/home/data']);
    expect(sharedPrefixes(['/home/data/work', '/db/blast/uniprot'])).toEqual(['/home/data/work', '/db/blast/uniprot']);
    expect(sharedPrefixes(['/home/data/work', '/home/data/work/xx'])).toEqual(['/home/data/work']);
  });

  it('cover the work dir, the inputs’ folders and bin/, read-write unless the config makes inputs read-only', () => {
    const launch = { workDir: '/w/ab/cd', inputs: ['/data/in/a.fq', '/data/in/b.fq'], binDir: '/p/bin' };
    expect(containerMounts({ ...launch, settings: docker })).toEqual([
      { source: '/data/in', target: '/data/in', writable: true },
      { source: '/w/ab/cd', target: '/w/ab/cd', writable: true },
      { source: '/p/bin', target: '/p/bin', writable: true },
    ]);
    const readOnly = settings({ 'docker.enabled': true, 'docker.writableInputMounts': false });
    expect(containerMounts({ ...launch, binDir: undefined, settings: readOnly })).toEqual([
      { source: '/data/in', target: '/data/in', writable: false },
      { source: '/w/ab/cd', target: '/w/ab/cd', writable: true },
    ]);
  });
});

describe('the command that runs .command.sh in the container', () => {
  const launch = {
    settings: settings({ 'docker.enabled': true, 'docker.runOptions': '-u $(id -u):$(id -g)' }),
    image: 'quay.io/tool:1',
    options: ['--cpus 2'],
    workDir: '/w/ab/cd',
    inputs: [],
    env: ['PATH', 'FROM_CONFIG'],
    script: 'echo hi\n',
  };

  it('works in the work dir, passes the task’s variables but PATH, and puts the user’s options last', () => {
    expect(containerRunCommand(launch)).toBe(
      'podman run --rm --pull=never --interactive --workdir=/w/ab/cd --mount=type=bind,source=/w/ab/cd,destination=/w/ab/cd --env=NXF_TASK_WORKDIR=/w/ab/cd --env=FROM_CONFIG -u $(id -u):$(id -g) --cpus 2 quay.io/tool:1 /bin/bash -ue .command.sh',
    );
  });

  it('puts the pipeline’s bin/ first on the image’s PATH, and runs a script by its own interpreter', () => {
    const command = containerRunCommand({ ...launch, binDir: '/p/bin', script: '#!/usr/bin/env python3\nprint(1)\n' });
    expect(command).toMatch(
      / quay\.io\/tool:1 \/bin\/bash -c 'export PATH=\/p\/bin:"\$PATH"; exec \/usr\/bin\/env python3 \.command\.sh'$/,
    );
  });

  it('overrides the entrypoint with bash when the config asks', () => {
    const override = settings({ 'podman.enabled': true, 'podman.entrypointOverride': true });
    const command = containerRunCommand({ ...launch, settings: override, options: [] });
    expect(command).toContain('--entrypoint=/bin/bash');
    expect(command).toMatch(/ quay\.io\/tool:1 -c 'exec \/bin\/bash -ue \.command\.sh'$/);
  });
});
