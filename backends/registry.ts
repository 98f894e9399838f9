// Backend names → factories with a zod config schema. Adding a backend is one entry in FACTORIES. A backend's
// modules load only when it is created: a local run reads none of the grid code.
import type { z } from 'zod';
import { ConfigError } from '../engine/errors.js';
import { closestMatch } from '../engine/text/edit-distance.js';
import { describeValue } from '../engine/text/describe-value.js';
import type { Backend } from '../engine/backend.js';
import type { BackendContext, BackendFactory } from './factory.js';
import type { LocalConfig } from './local/config.js';
import type { PbsConfig } from './pbs/config.js';
import type { PilotConfig } from './pilot/config.js';
import type { SlurmConfig } from './slurm/config.js';

const FACTORIES = {
  local: {
    schema: async () => (await import('./local/config.js')).localConfigSchema,
    create: async (config, context) =>
      (await import('./local/local-backend.js')).createLocalBackend({
        ...config,
        launchDir: context.launchDir,
        maxRunning: context.jobs,
        monitor: context.monitor,
      }),
  } satisfies BackendFactory<LocalConfig>,
  slurm: {
    schema: async () => (await import('./slurm/config.js')).slurmConfigSchema,
    create: async (config, context) => {
      const [{ createGridBackend }, { slurmScheduler }] = await Promise.all([
        import('./grid/grid-backend.js'),
        import('./slurm/slurm-scheduler.js'),
      ]);
      return createGridBackend(slurmScheduler, {
        ...config,
        launchDir: context.launchDir,
        notice: context.notice,
        monitor: context.monitor,
      });
    },
  } satisfies BackendFactory<SlurmConfig>,
  pbs: {
    schema: async () => (await import('./pbs/config.js')).pbsConfigSchema,
    create: async ({ flavor, ...config }, context) => {
      const [{ createGridBackend }, { createPbsScheduler }] = await Promise.all([
        import('./grid/grid-backend.js'),
        import('./pbs/pbs-scheduler.js'),
      ]);
      return createGridBackend(createPbsScheduler(flavor), {
        ...config,
        launchDir: context.launchDir,
        notice: context.notice,
      });
    },
  } satisfies BackendFactory<PbsConfig>,
  pilot: {
    schema: async () => (await import('./pilot/config.js')).pilotConfigSchema,
    create: async (config, context) =>
      (await import('./pilot/pilot-backend.js')).createPilotBackend({
        ...config,
        launchDir: context.launchDir,
        jobs: context.jobs,
        notice: context.notice,
        monitor: context.monitor,
      }),
  } satisfies BackendFactory<PilotConfig>,
} as const;

export type BackendName = keyof typeof FACTORIES;
export const BACKEND_NAMES: readonly BackendName[] = Object.keys(FACTORIES) as BackendName[];

// Whether `name` names a registered backend.
export function isBackendName(name: string): name is BackendName {
  return Object.hasOwn(FACTORIES, name);
}

// The zod schema of a registered backend's options (loads zod and the schema).
export async function backendConfigSchema(name: BackendName): Promise<z.ZodType<unknown>> {
  return (FACTORIES[name] as BackendFactory<unknown>).schema();
}

// Validates `config` against the backend's schema (when there is any) and creates the backend.
export async function createBackend(name: string, context: BackendContext, config: object = {}): Promise<Backend> {
  if (!isBackendName(name)) {
    throw new ConfigError(`Unknown backend \`${name}\``, { hint: `Choose one of: ${BACKEND_NAMES.join(', ')}.` });
  }
  const factory: BackendFactory<unknown> = FACTORIES[name] as BackendFactory<unknown>;
  if (Object.keys(config).length === 0) return factory.create({}, context);
  const parsed = (await factory.schema()).safeParse(config);
  if (!parsed.success) throw optionError(name, config, parsed.error, await factory.schema());
  return factory.create(parsed.data, context);
}

// One line for the first problem zod found in a backend's options, with the closest known option for an unknown one.
function optionError(name: string, config: object, error: z.ZodError, schema: z.ZodType<unknown>): ConfigError {
  const issue = error.issues[0] as z.core.$ZodIssue;
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  const docs = `see docs/backends.md (${name})`;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const known = Object.keys((schema as { shape?: Record<string, unknown> }).shape ?? {});
    const near = closestMatch(key, known);
    return new ConfigError(`unknown option \`${[...issue.path, key].join('.')}\` for backend \`${name}\`${more}`, {
      cause: error,
      hint: near === undefined ? `its options: ${known.join(', ')} (${docs})` : `did you mean \`${near}\`? (${docs})`,
    });
  }
  const path = issue.path.map(String).join('.');
  const value = issue.path.reduce<unknown>((v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k], config);
  const expected = issue.message.replace(/^[A-Z][a-z]+(?: [a-z]+)?: /, '');
  return new ConfigError(
    `invalid value ${describeValue(value)} for option \`${path}\` of backend \`${name}\`: ${expected}${more}`,
    { cause: error, hint: `${docs} for what \`${path}\` takes` },
  );
}
