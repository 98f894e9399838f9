// The DSL's workflow session: completes `workflow.*`, runs the onError and onComplete handlers (registered with
// `workflow.onComplete { }`, assigned as `workflow.onComplete = { }` in the script or the config), reports a failure.
import type { WorkflowSession } from '../../../../engine/graph.js';
import type { DslRuntime } from '../eval/context.js';
import { isClosure, truthy } from '../values/values.js';
import { completeMetadata } from './metadata.js';
import type { Pipeline } from './pipeline.js';

// The handlers of one kind, in the order Nextflow runs them: the config's, then the script's.
function handlers(runtime: DslRuntime, kind: 'onComplete' | 'onError'): (() => void)[] {
  const assigned = [runtime.settings.get(`workflow.${kind}`), runtime.workflowMeta.get(kind)].filter(isClosure);
  return [...assigned.map((closure) => () => void closure.call([])), ...runtime[kind]];
}

// Creates the session for a built pipeline.
export function createDslSession(pipeline: Pipeline, runtime: DslRuntime, outputFormat = 'text'): WorkflowSession {
  return {
    async complete(status) {
      const success = status === 'succeeded' && pipeline.failure === undefined;
      const failure = pipeline.failure ?? (success ? undefined : new Error(`the run ${status}`));
      if (runtime.outputs !== undefined) {
        await runtime.outputs.done;
        if (success) runtime.console.out(runtime.outputs.finish(outputFormat));
      }
      completeMetadata(runtime, success, failure);
      // the config's handlers read the run's params, those the script set included (`params.x = …`)
      for (const [key, value] of runtime.params) pipeline.config.params.set(String(key), value);
      if (!success) for (const handler of handlers(runtime, 'onError')) handler();
      for (const handler of handlers(runtime, 'onComplete')) handler();
      if (pipeline.failure !== undefined) throw pipeline.failure;
      // workflow.failOnIgnore: a run whose failures were all ignored still ends with an error status
      if (success && runtime.stats.ignored > 0 && truthy(runtime.settings.get('workflow.failOnIgnore') ?? false))
        return { exitCode: 1 };
      return {};
    },
    async close() {
      runtime.onComplete.length = 0;
      runtime.onError.length = 0;
    },
  };
}
