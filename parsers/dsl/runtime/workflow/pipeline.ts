// What the runtime builds while evaluating a pipeline: the step graph, the config, and the run's failure, if any.
import type { StepGraph } from '../../../../engine/graph.js';
import type { ContainerEngine } from '../../../../engine/container/index.js';
import type { DslConfig } from '../config/config.js';
import type { ContainerSettings } from '../config/container-settings.js';

export interface Pipeline {
  readonly graph: StepGraph;
  readonly config: DslConfig;
  readonly binDir?: string | undefined; // <projectDir>/bin, put on the PATH of every task
  readonly stepCounts: Map<string, number>; // calls per process name, for unique step ids
  readonly qualifiedCalls: Map<string, number>; // calls per qualified process name (`flow1:foo`), for task hashes
  readonly stubRun: boolean; // run each process's `stub:` section (where it has one) instead of its script
  // The container engine the config enables, and podman that runs it; undefined: `container` is ignored.
  readonly containers?: { readonly settings: ContainerSettings; readonly engine: ContainerEngine } | undefined;
  failure?: Error | undefined;
}
