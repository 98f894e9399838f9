export { createPbsScheduler } from './pbs-scheduler.js';
export type { PbsFlavor } from './pbs-scheduler.js';
export { parseQsubJobId, parseQstatBrief, parseQstatFull, parseQstatFullEntries, parseQstatJson } from './parse.js';
export { PBS_STATES, pbsState, pbsExitReason } from './states.js';
export type { PbsConfig } from './config.js';
