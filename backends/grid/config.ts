// Options every grid backend accepts, as a zod shape its own schema extends.
import { z } from 'zod';

const positiveMs = z.number().int().positive();

export const gridConfigShape = {
  queue: z.string().min(1).optional(),
  account: z.string().min(1).optional(),
  clusterOptions: z.array(z.string().min(1)).optional(),
  pollIntervalMs: positiveMs.optional(),
  exitGraceMs: z.number().int().nonnegative().optional(),
  arraySize: z.number().int().positive().optional(),
  batchWindowMs: z.number().int().nonnegative().optional(),
  submitRateLimit: z.number().positive().optional(),
  commandTimeoutMs: positiveMs.optional(),
  queueSize: z.number().int().positive().optional(),
  lightOutput: z.enum(['inherit', 'ignore']).optional(),
};
