// Backend names → factories with a zod config schema. Adding a backend is one line in FACTORIES.
import { z } from 'zod';
import { ConfigError } from '../engine/errors.js';
import type { Backend } from './backend.js';
import type { BackendContext, BackendFactory } from './factory.js';
import { localBackendFactory } from './local/config.js';

const FACTORIES = {
  local: localBackendFactory,
} as const satisfies Record<string, BackendFactory<unknown>>;

export type BackendName = keyof typeof FACTORIES;
export const BACKEND_NAMES: readonly BackendName[] = Object.keys(FACTORIES) as BackendName[];

// Whether `name` names a registered backend.
export function isBackendName(name: string): name is BackendName {
  return Object.hasOwn(FACTORIES, name);
}

// Validates `config` against the backend's schema and creates the backend.
export function createBackend(name: string, context: BackendContext, config: unknown = {}): Backend {
  if (!isBackendName(name)) {
    throw new ConfigError(`Unknown backend \`${name}\``, { hint: `Choose one of: ${BACKEND_NAMES.join(', ')}.` });
  }
  const factory: BackendFactory<unknown> = FACTORIES[name];
  const parsed = factory.schema.safeParse(config);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration for backend \`${name}\`:\n${z.prettifyError(parsed.error)}`, {
      cause: parsed.error,
      hint: 'Fix or remove the options named above.',
    });
  }
  return factory.create(parsed.data, context);
}
