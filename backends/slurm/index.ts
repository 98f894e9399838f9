export { slurmScheduler } from './slurm-scheduler.js';
export { parseSbatchJobId, parseScontrol, parseSqueue } from './parse.js';
export { SLURM_STATES, slurmState } from './states.js';
export type { SlurmConfig } from './config.js';
