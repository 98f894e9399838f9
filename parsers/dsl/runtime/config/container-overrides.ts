// The command line's container options over the config, as Nextflow's ConfigBuilder applies them, and the container
// engine a run uses.
import { createPodman, type ContainerEngine } from '../../../../engine/container/index.js';
import type { ContainerOverrides } from '../../../options.js';
import type { DslModule } from '../eval/context.js';
import { childScope } from '../eval/scope.js';
import type { DslConfig } from './config.js';
import { containerSettings, type ContainerSettings } from './container-settings.js';

// `-without-docker` turns `docker.enabled` off; `-with-docker [IMAGE]` turns it on and makes IMAGE the container of
// every process that names none (`process.container`: a process's own directive and selectors still win).
export function applyContainerOverrides(
  config: DslConfig,
  overrides: ContainerOverrides | undefined,
  module: DslModule,
): void {
  for (const engine of overrides?.disable ?? []) config.settings.set(`${engine}.enabled`, false);
  const enable = overrides?.enable;
  if (enable === undefined) return;
  for (const other of ['docker', 'podman', 'singularity', 'apptainer'])
    if (other !== enable.engine && config.settings.get(`${other}.enabled`) === true)
      config.settings.set(`${other}.enabled`, false);
  config.settings.set(`${enable.engine}.enabled`, true);
  const image = enable.image ?? config.settings.get(`${enable.engine}.image`);
  if (typeof image === 'string' && image !== '') {
    config.processDefaults.set('container', {
      ctx: { module, scope: childScope(undefined) },
      value: { kind: 'string', value: image, quote: "'", pos: { line: 1, column: 1, offset: 0 } },
    });
  }
}

// The settings and podman engine of a run whose config enables a container engine.
export function runContainers(
  settings: ReadonlyMap<string, unknown>,
): { readonly settings: ContainerSettings; readonly engine: ContainerEngine } | undefined {
  const container = containerSettings(settings);
  return container === undefined ? undefined : { settings: container, engine: createPodman() };
}
