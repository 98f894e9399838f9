// The `weblog` plugin: posts run and task events as JSON to a URL, as Nextflow's -with-weblog does (one POST per
// event with `runName`, `runId`, `event` and `utcTime`; tasks under `trace`). Options: { url: string }.
import { z } from 'zod';
import { definePlugin } from '../types.js';

export const weblogPlugin = definePlugin({
  name: 'weblog',
  options: z.strictObject({ url: z.url(), timeoutMs: z.coerce.number().int().positive().default(3000) }),
  create(options, context) {
    let runId = '';
    let failures = 0;
    const post = async (event: string, body: object): Promise<void> => {
      const res = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ runName: runId, runId, event, utcTime: new Date().toISOString(), ...body }),
        signal: AbortSignal.timeout(options.timeoutMs),
      }).catch((error: unknown) => {
        if (failures++ === 0) context.log(`cannot post to ${options.url}: ${(error as Error).message}`);
        return undefined;
      });
      if (res !== undefined && !res.ok && failures++ === 0) context.log(`${options.url} answered ${res.status}`);
    };
    return {
      onRunStart: (run) => {
        runId = run.runId;
        return post('started', { metadata: { workflow: run.workflow, backend: run.backend } });
      },
      onSubmit: (task) => post('process_submitted', { trace: { ...task, status: 'SUBMITTED' } }),
      onStart: (task) => post('process_started', { trace: { ...task, status: 'RUNNING' } }),
      onReturned: (task, outcome) =>
        post('process_completed', { trace: { ...task, status: outcome.state.toUpperCase(), exit: outcome.exitCode } }),
      onRunEnd: (summary) => post(summary.status === 'succeeded' ? 'completed' : 'error', { metadata: summary }),
    };
  },
});
