// `nextflow run`'s options that turn containers on or off for a run (podman stands for docker here).
import type { NfOption } from './option-types.js';

export const NF_CONTAINER_OPTIONS: readonly NfOption[] = [
  {
    names: ['-with-docker'],
    arity: 'optional',
    key: 'withDocker',
    place: 'run',
    help: 'run processes in their containers (or IMAGE) through podman',
  },
  {
    names: ['-with-podman'],
    arity: 'optional',
    key: 'withPodman',
    place: 'run',
    help: 'run processes in their containers (or IMAGE) through podman',
  },
  { names: ['-without-docker'], arity: 'flag', key: 'withoutDocker', place: 'run', help: 'ignore docker.enabled' },
  { names: ['-without-podman'], arity: 'flag', key: 'withoutPodman', place: 'run', help: 'ignore podman.enabled' },
];
