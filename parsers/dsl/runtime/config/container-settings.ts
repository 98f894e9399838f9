// The container engine a config enables (`docker`, `podman`, `singularity`, `apptainer` scopes, nf-core's
// `-profile docker|podman|singularity`) and its options, as Nextflow's ContainerConfig reads them. pipe runs every
// one of them through podman: Docker images as they are, Singularity ones by their Docker origin.
import { ConfigError, UnsupportedError } from '../../../../engine/errors.js';
import { show } from '../values/values.js';

// The engines a process container can run under, in the order Nextflow looks for the enabled one.
const ENGINES = [
  'docker',
  'podman',
  'singularity',
  'apptainer',
  'charliecloud',
  'shifter',
  'sarus',
  'udocker',
] as const;
export type ContainerEngineName = (typeof ENGINES)[number];
const RUN_BY_PODMAN: ReadonlySet<ContainerEngineName> = new Set(['docker', 'podman', 'singularity', 'apptainer']);

export interface ContainerSettings {
  readonly engine: 'docker' | 'podman' | 'singularity' | 'apptainer'; // the scope that enabled it
  readonly registry?: string | undefined; // prefixed to image names that name none
  readonly runOptions: readonly string[]; // shell text (`-u $(id -u):$(id -g)`)
  readonly engineOptions: readonly string[]; // shell text between `podman` and `run`
  readonly envWhitelist: readonly string[]; // variables of the launching environment passed in
  readonly temp: boolean; // `temp = 'auto'`: a fresh host dir mounted at /tmp
  readonly remove: boolean; // `remove`: the container is removed when it ends (default)
  readonly userEmulation: boolean; // docker's `userEmulation`: the caller's user, HOME and passwd
  readonly readOnlyInputs: boolean; // `writableInputMounts = false` / `readOnlyInputs`
  readonly entrypointOverride: boolean; // run with `--entrypoint /bin/bash`
}

// The engine the settings enable, or undefined; more than one is an error, as in Nextflow.
export function enabledEngine(settings: ReadonlyMap<string, unknown>): ContainerEngineName | undefined {
  const enabled = ENGINES.filter((name) => isTrue(settings.get(`${name}.enabled`)));
  if (enabled.length > 1)
    throw new ConfigError(`more than one container engine is enabled: ${enabled.join(', ')}`, {
      hint: 'enable one of them (nf-core: name one container profile)',
    });
  return enabled[0];
}

// The container settings of a run, or undefined when no container engine is enabled (`container` is then ignored).
export function containerSettings(settings: ReadonlyMap<string, unknown>): ContainerSettings | undefined {
  const engine = enabledEngine(settings);
  if (engine === undefined) return undefined;
  if (!RUN_BY_PODMAN.has(engine))
    throw new UnsupportedError(`\`${engine}.enabled = true\`: pipe runs containers through podman only`, {
      hint: 'use the docker, podman, singularity or apptainer profile instead; pipe runs each of them with podman',
    });
  const get = (key: string): unknown => settings.get(`${engine}.${key}`);
  const text = (key: string): string | undefined => {
    const value = get(key);
    return value === undefined || value === null || value === false || show(value).trim() === ''
      ? undefined
      : show(value).trim();
  };
  const whitelist = get('envWhitelist');
  const temp = text('temp');
  return {
    engine: engine as ContainerSettings['engine'],
    registry: text('registry'),
    runOptions: [text('runOptions')].filter((o): o is string => o !== undefined),
    engineOptions: [text('engineOptions')].filter((o): o is string => o !== undefined),
    envWhitelist: (Array.isArray(whitelist) ? whitelist.map(show) : (text('envWhitelist') ?? '').split(','))
      .map((name) => name.trim())
      .filter((name) => name !== ''),
    temp: temp === 'auto' || temp === 'true',
    remove: get('remove') === undefined || isTrue(get('remove')),
    userEmulation: isTrue(get('userEmulation')),
    readOnlyInputs: get('writableInputMounts') === false || isTrue(get('readOnlyInputs')),
    entrypointOverride: isTrue(get('entrypointOverride')),
  };
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}
