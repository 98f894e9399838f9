// The `slurm` backend's configuration schema (loaded by the registry only when options are given).
import { z } from 'zod';
import { gridConfigShape } from '../grid/config.js';

export const slurmConfigSchema = z.strictObject({ ...gridConfigShape });
export type SlurmConfig = z.output<typeof slurmConfigSchema>;
