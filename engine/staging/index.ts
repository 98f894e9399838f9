export * from './errors.js';
export * from './file-stager.js';
export * from './registry.js';
export * from './staging-area.js';
export type * from './stager.js';
export * from './task-files.js';
export * from './uri.js';
