export { CONTAINER_TMPDIR, containerImage, DEFAULT_OUTDIR } from './docker-requirement.js';
export type { ContainerImage, ContainerScope } from './docker-requirement.js';
export { symlinkMounts } from './mounts.js';
export { mapFilePaths, mapPath } from './paths.js';
export type { PathMapping } from './paths.js';
export { createPodman } from '../../../../engine/container/index.js';
export type { ContainerEngine, ImageStatus, PodmanOptions } from '../../../../engine/container/index.js';
export { containerRunArgs, renderContainerScript } from './run-args.js';
export type { ContainerRun, Mount } from './run-args.js';
