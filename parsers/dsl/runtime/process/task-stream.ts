// The tasks of one process call: input sets read as they arrive, each turned into a task (or an exec: run in place).
import { ContainerError } from '../../../../engine/container/index.js';
import type { TaskSpec } from '../../../../engine/task.js';
import type { DslChannel } from '../channels/channel.js';
import { isExecCall, runExec } from './exec.js';
import { maybeClose, type ProcessCall } from './state.js';
import { describeRemote, runtimeStaging } from './staging.js';
import { buildTask } from './task.js';

// Reads input sets as they arrive (queue channels zipped, value channels repeated, `each` crossed) and yields tasks.
export async function* taskStream(
  call: ProcessCall,
  inputs: readonly DslChannel[],
  eachIndices: readonly number[],
  signal: AbortSignal,
): AsyncGenerator<TaskSpec> {
  const queueIdx = inputs.flatMap((c, i) => (!c.isValue && !eachIndices.includes(i) ? [i] : []));
  const fixed = new Map<number, unknown>();
  for (const [i, channel] of inputs.entries()) {
    if (queueIdx.includes(i)) continue;
    const items: unknown[] = [];
    for await (const item of channel.read()) items.push(item);
    if (items.length === 0 && !eachIndices.includes(i)) return finish(call);
    // `each` repeats over the items of a queue channel as they are, or over the elements of a value holding a list
    const repeated = channel.isValue && Array.isArray(items[0]) ? (items[0] as unknown[]) : items;
    fixed.set(i, eachIndices.includes(i) ? repeated : items[0]);
  }
  const readers = queueIdx.map((i) => (inputs[i] as DslChannel).read()[Symbol.asyncIterator]());
  const exec = isExecCall(call);
  try {
    for (let round = 0; ; round++) {
      if (signal.aborted || call.pipeline.failure !== undefined) break;
      const values = new Map(fixed);
      if (readers.length > 0) {
        const next = await Promise.all(readers.map((r) => r.next()));
        if (next.some((n) => n.done === true)) break;
        next.forEach((n, k) => values.set(queueIdx[k] as number, n.value));
      } else if (round > 0) break;
      for (const set of crossEach(inputs.length, values, eachIndices)) {
        if (exec) {
          execOnce(call, set);
          continue;
        }
        await describeRemote(runtimeStaging(call.ctx.module.runtime), set);
        const spec = buildTask(call, set, call.launched);
        if (spec === undefined) continue;
        call.launched++;
        if (spec === 'stored') {
          call.settled++;
          continue;
        }
        yield spec.container === undefined ? spec : await withImage(call, spec);
      }
    }
  } finally {
    for (const reader of readers) void reader.return?.();
    finish(call);
  }
  if (call.pipeline.failure !== undefined) throw call.pipeline.failure;
}

// The task with the id of its image in its cache key, once podman holds the image (pulling it if it can).
async function withImage(call: ProcessCall, spec: TaskSpec): Promise<TaskSpec> {
  const image = spec.container as string;
  const engine = call.pipeline.containers?.engine;
  const status = engine === undefined ? undefined : await engine.ensureImage(image, image);
  if (status?.ok === true) return { ...spec, container: `${image}@${status.id}` };
  throw new ContainerError(
    `process \`${call.qualifiedName}\` cannot run in its container: ${status?.reason ?? `no engine runs ${image}`}`,
    {
      hint: `make the image available to podman (\`podman pull ${image}\` or \`podman load\`), or run without the container profile`,
    },
  );
}

// Runs an exec: process for one input set, counting it as launched and settled; a failure stops the run.
function execOnce(call: ProcessCall, set: readonly unknown[]): void {
  try {
    if (!runExec(call, set, call.launched)) return;
  } catch (error) {
    call.ctx.module.runtime.fail(error instanceof Error ? error : new Error(String(error)));
    return;
  }
  call.launched++;
  call.settled++;
}

// Marks a call's input as exhausted.
function finish(call: ProcessCall): void {
  call.exhausted = true;
  maybeClose(call);
}

// The input sets of one round: `each` inputs crossed with everything else.
function crossEach(n: number, values: Map<number, unknown>, eachIndices: readonly number[]): unknown[][] {
  let sets: unknown[][] = [Array.from({ length: n }, (_, i) => values.get(i))];
  for (const i of eachIndices) {
    const items = values.get(i) as unknown[];
    sets = sets.flatMap((set) => items.map((item) => set.map((v, j) => (j === i ? item : v))));
  }
  return sets;
}
