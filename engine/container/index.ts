export { ContainerError } from './container-error.js';
export { createPodman } from './podman.js';
export type { ContainerEngine, ImageStatus, PodmanOptions } from './podman.js';
export { containerRunArgs, containerRunShell } from './run-command.js';
export type { ContainerRun, Mount } from './run-command.js';
