// The `local` backend's configuration schema (loaded by the registry only when options are given).
import { z } from 'zod';

const taskOutput = z.union([z.enum(['inherit', 'ignore']), z.number().int().nonnegative()]);

export const localConfigSchema = z.strictObject({
  killGraceMs: z.number().int().nonnegative().optional(),
  stdout: taskOutput.optional(),
  stderr: taskOutput.optional(),
  retainCompleted: z.number().int().positive().optional(),
});
export type LocalConfig = z.output<typeof localConfigSchema>;
