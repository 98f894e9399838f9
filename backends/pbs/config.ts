// The `pbs` backend's configuration schema (loaded by the registry only when options are given).
import { z } from 'zod';
import { gridConfigShape } from '../grid/config.js';

export const pbsConfigSchema = z.strictObject({
  ...gridConfigShape,
  flavor: z.enum(['torque', 'pbspro']).optional(), // torque also fits Slurm's PBS wrappers (default)
});
export type PbsConfig = z.output<typeof pbsConfigSchema>;
