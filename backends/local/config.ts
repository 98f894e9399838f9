// The `local` backend's configuration and its registry entry.
import { z } from 'zod';
import { defineBackendFactory } from '../factory.js';
import { createLocalBackend } from './local-backend.js';

const taskOutput = z.union([z.enum(['inherit', 'ignore']), z.number().int().nonnegative()]);

export const localConfigSchema = z.strictObject({
  killGraceMs: z.number().int().nonnegative().optional(),
  stdout: taskOutput.optional(),
  stderr: taskOutput.optional(),
  retainCompleted: z.number().int().positive().optional(),
});
export type LocalConfig = z.output<typeof localConfigSchema>;

export const localBackendFactory = defineBackendFactory(localConfigSchema, (config, context) =>
  createLocalBackend({ ...config, launchDir: context.launchDir, maxRunning: context.jobs }),
);
