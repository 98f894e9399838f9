// The `audit` plugin: every hook as one JSON line in a file (default .pipe/audit.jsonl), for records that outlive
// the store, or for a library user's own tools. Options: { file?: string }.
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { definePlugin } from '../types.js';

export const auditPlugin = definePlugin({
  name: 'audit',
  options: z.strictObject({ file: z.string().min(1).default('.pipe/audit.jsonl') }),
  create(options, context) {
    const out = createWriteStream(resolve(context.launchDir, options.file), { flags: 'a' });
    const line = (hook: string, data: object): void => {
      out.write(`${JSON.stringify({ time: new Date().toISOString(), hook, ...data })}\n`);
    };
    return {
      onRunStart: (run) => line('onRunStart', { runId: run.runId, workflow: run.workflow, backend: run.backend }),
      onSubmit: (task) => line('onSubmit', { task }),
      onSchedule: (task, backend, jobId) => line('onSchedule', { task, backend, jobId }),
      onStart: (task) => line('onStart', { task }),
      onReturned: (task, outcome) => line('onReturned', { task, outcome }),
      onRetry: (task, previous) => line('onRetry', { task, previous }),
      onRunEnd: (summary) => line('onRunEnd', { summary }),
      close: () => new Promise<void>((done) => out.end(done)),
    };
  },
});
