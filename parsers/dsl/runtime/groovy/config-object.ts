// What a name no one defined stands for in a config file, as Nextflow's config parser (the Groovy ConfigSlurper
// kind) gives it: an empty `groovy.util.ConfigObject`, printed `[:]`, whose every property is another empty one. A
// publishDir closure in conf/modules.config that reads `meta.id` for a process without `meta` publishes into `[:]/`.
import type { HostObject } from './host-object.js';

export function emptyConfigObject(): HostObject {
  return {
    kind: 'object',
    type: 'groovy.util.ConfigObject',
    methods: {
      isEmpty: () => true,
      size: () => 0,
      keySet: () => [],
      toString: () => '[:]',
    },
    member: () => emptyConfigObject(),
    show: () => '[:]',
  };
}
