// The keys of a pipe configuration file (pipe.yaml, ~/.config/pipe/config.yaml), as a zod schema loaded only when
// such a file exists. Run defaults carry the names of the `pipe run` options they stand for.
import { z } from 'zod';

export const configFileSchema = z.strictObject({
  backend: z.string().min(1).optional(),
  backends: z.record(z.string(), z.record(z.string(), z.unknown()).nullable()).optional(),
  jobs: z.number().int().positive().optional(),
  retries: z.number().int().nonnegative().optional(),
  retryDelay: z.number().int().nonnegative().optional(),
  keepGoing: z.boolean().optional(),
  workDir: z.string().min(1).optional(),
  // true, false, or { interval: '500ms' } (a duration as `time` directives take it, or milliseconds).
  monitoring: z
    .union([z.boolean(), z.strictObject({ interval: z.union([z.string().min(1), z.number().int().positive()]) })])
    .optional(),
  plugins: z
    .array(z.union([z.string().min(1), z.strictObject({ source: z.string().min(1), options: z.unknown().optional() })]))
    .optional(),
});

export type ConfigFileData = z.output<typeof configFileSchema>;

// Every top-level key, for "did you mean" hints.
export const CONFIG_KEYS: readonly string[] = Object.keys(configFileSchema.shape);
