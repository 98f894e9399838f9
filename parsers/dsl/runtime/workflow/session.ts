// The DSL's workflow session: reports a failure found while the workflow ran, and runs onComplete handlers.
import type { WorkflowSession } from '../../../../engine/graph.js';
import type { DslRuntime } from '../eval/context.js';
import type { Pipeline } from './pipeline.js';

// Creates the session for a built pipeline.
export function createDslSession(pipeline: Pipeline, runtime: DslRuntime): WorkflowSession {
  return {
    async complete(status) {
      runtime.workflowMeta.set('success', status === 'succeeded' && pipeline.failure === undefined);
      for (const handler of runtime.onComplete) handler();
      if (pipeline.failure !== undefined) throw pipeline.failure;
      return {};
    },
    async close() {
      runtime.onComplete.length = 0;
    },
  };
}
