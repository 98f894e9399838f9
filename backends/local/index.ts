export { createLocalBackend } from './local-backend.js';
export { LocalReason } from './job.js';
export type { LocalBackendOptions } from './local-backend.js';
export { localConfigSchema } from './config.js';
export type { LocalConfig } from './config.js';
export type { TaskOutput } from './launcher.js';
