// `-dump-hashes [json]`: each task's cache key and the recorded parts it was made from, as Nextflow writes them to
// .nextflow.log ("[NAME] cache hash: …; mode: STANDARD; entries: …"), one entry per part with its own hash.
import { createHash } from 'node:crypto';
import type { Store } from '../../engine/store/store.js';
import { taskDisplayName } from '../../engine/task.js';

interface Entry {
  readonly hash: string;
  readonly type: string;
  readonly value: string;
}

// The short hash of one part.
function partHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 32);
}

// One message per task of the run (its latest attempt): the key, then its step's parts, command, inputs and
// occurrence; as JSON when `json`.
export function cacheHashMessages(store: Store, runId: string, json: boolean): string[] {
  const steps = new Map(store.getSteps(runId).map((s) => [s.stepId, s]));
  return store.tasks({ runId, latestAttemptOnly: true }).map((task) => {
    const step = steps.get(task.stepId);
    const parts = step === undefined ? {} : (JSON.parse(step.parts) as Record<string, unknown>);
    const entries: Entry[] = [
      ...Object.entries(parts).map(([name, value]) => {
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        return { hash: partHash(text), type: `step.${name}`, value: text };
      }),
      { hash: partHash(task.command), type: 'script', value: task.command },
      ...(task.inputsDigest === undefined
        ? []
        : [{ hash: task.inputsDigest, type: 'inputs', value: '(staged files)' }]),
      ...(task.occurrence === undefined
        ? []
        : [{ hash: partHash(String(task.occurrence)), type: 'occurrence', value: String(task.occurrence) }]),
    ];
    const name = taskDisplayName(step?.name ?? task.stepId, task.stepId, task.taskId);
    const head = `[${name}] cache hash: ${task.key}; mode: STANDARD; entries: `;
    if (json) return `${head}${JSON.stringify(entries)}`;
    return `${head}\n${entries.map((e) => `  ${e.hash} [${e.type}] ${e.value}`).join('\n')}`;
  });
}
