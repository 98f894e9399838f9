export { createGridBackend } from './grid-backend.js';
export type { GridOptions } from './grid-backend.js';
export type { BatchSpec, EndRecord, GridScheduler, GridSiteOptions, QueueEntry } from './scheduler.js';
export { renderJobScript, jobName } from './job-script.js';
