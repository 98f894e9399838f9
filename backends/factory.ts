// What the registry holds for each backend: a zod schema for its configuration and a factory.
import type { z } from 'zod';
import type { Backend } from './backend.js';

// What every backend may use besides its own configuration.
export interface BackendContext {
  readonly launchDir: string;
  readonly jobs?: number | undefined; // the run's limit of tasks at once, for backends that enforce it themselves
}

export interface BackendFactory<Config> {
  readonly schema: z.ZodType<Config>;
  create(config: Config, context: BackendContext): Backend;
}

// Ties a schema to its factory so the factory sees the parsed configuration's type.
export function defineBackendFactory<S extends z.ZodType>(
  schema: S,
  create: (config: z.output<S>, context: BackendContext) => Backend,
): BackendFactory<z.output<S>> {
  return { schema: schema as unknown as z.ZodType<z.output<S>>, create };
}
