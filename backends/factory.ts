// What the registry holds for each backend: a zod schema for its configuration, loaded only when there is
// configuration to check (zod costs ~70 ms to load), and a factory.
import type { z } from 'zod';
import type { Backend } from '../engine/backend.js';

// What every backend may use besides its own configuration.
export interface BackendContext {
  readonly launchDir: string;
  readonly jobs?: number | undefined; // the run's limit of tasks at once, for backends that enforce it themselves
  // Where a backend's lines for the user go (backends print nothing themselves), e.g. how to start pilot agents.
  readonly notice?: ((line: string) => void) | undefined;
  // Measure every task's resource use at this interval (backends that can; docs/monitoring.md).
  readonly monitor?: { readonly intervalMs: number } | undefined;
}

// Every option of a backend is optional: an empty configuration means the defaults and needs no schema.
export interface BackendFactory<Config> {
  schema(): Promise<z.ZodType<Config>>;
  create(config: Config, context: BackendContext): Promise<Backend>; // loads the backend's modules
}
