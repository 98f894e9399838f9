// What a name no one defined stands for in a config file, as Nextflow's config parser (the Groovy ConfigSlurper
// kind) gives it: an empty `groovy.util.ConfigObject`, a map printed `[:]` whose every missing property is another
// empty one. A publishDir closure in conf/modules.config that reads `meta.id` for a process without `meta`
// publishes into `[:]/`, and `meta?.containsKey('single_end')` is false there.
export class ConfigObject extends Map<unknown, unknown> {}

export function emptyConfigObject(): ConfigObject {
  return new ConfigObject();
}
