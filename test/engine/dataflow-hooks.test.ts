// The engine's hooks for dataflow formats: tasks that stage inputs, collect outputs, and feed steps still running.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalBackend } from '../../backends/local/index.js';
import { createEventBus, type PipeEvent } from '../../engine/events.js';
import { createStepGraph, type TaskSource, type WorkflowGraph } from '../../engine/graph.js';
import { executeRun, type RunOutcome } from '../../engine/run.js';
import { openSqliteStore } from '../../engine/store/sqlite-store.js';
import type { TaskSpec, TaskState } from '../../engine/task.js';
import { scratchDir } from '../helpers/cli.js';

// An unbounded queue a blocking source reads from and a finish hook writes to.
function createQueue<T>(): { push(value: T): void; end(): void; [Symbol.asyncIterator](): AsyncIterator<T> } {
  const items: T[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  return {
    push(value) {
      items.push(value);
      wake?.();
    },
    end() {
      ended = true;
      wake?.();
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (items.length > 0) yield items.shift() as T;
        else if (ended) return;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

interface Pipeline {
  readonly workflow: WorkflowGraph;
  readonly collected: number[];
  readonly settled: Array<[string, TaskState]>;
  readonly reused: string[];
}

// Two steps: `square` writes n*n into out.txt for n = 1..count; `add` reads each square as it arrives and writes
// square+1. `refuse` makes square's finish hook reject that n's output.
function pipeline(count: number, refuse?: number, lastWaitsForAnAdd = false, ignoreRefused = false): Pipeline {
  const squares = createQueue<number>();
  const collected: number[] = [];
  let addRan: () => void = () => undefined;
  const anAddRan = new Promise<void>((resolve) => (addRan = resolve));
  const settled: Array<[string, TaskState]> = [];
  const reused: string[] = [];
  let squaresLeft = count;
  const squareTask = (n: number): TaskSpec => ({
    id: `square:${n}`,
    stepId: 'square',
    index: n - 1,
    command: `square ${n}`,
    light: false,
    resources: { cpus: 1 },
    hooks: {
      stage: async (workDir) => {
        if (lastWaitsForAnAdd && n === count) await anAddRan;
        writeFileSync(join(workDir, 'n.txt'), String(n));
        return `echo $(( $(cat ${join(workDir, 'n.txt')}) ** 2 )) > out.txt`;
      },
      finish: async ({ exitCode, workDir, reused: again }) => {
        if (exitCode !== 0) return { ok: false, reason: `exit ${exitCode}` };
        if (n === refuse) return { ok: false, reason: 'output out.txt is not an even number', ignore: ignoreRefused };
        const square = Number(readFileSync(join(workDir, 'out.txt'), 'utf8'));
        if (again) reused.push(`square:${n}`);
        squares.push(square);
        return { ok: true };
      },
      settled: (state) => {
        settled.push([`square:${n}`, state]);
        squaresLeft -= 1;
        if (squaresLeft === 0) squares.end();
      },
    },
  });
  const squareSource: TaskSource = {
    total: count,
    async *tasks() {
      for (let n = 1; n <= count; n += 1) yield squareTask(n);
    },
  };
  const addSource: TaskSource = {
    blocking: true,
    async *tasks() {
      let i = 0;
      for await (const square of squares) {
        yield {
          id: `add:${square}`,
          stepId: 'add',
          index: i++,
          command: `echo $(( ${square} + 1 )) > out.txt`,
          light: false,
          resources: { cpus: 1 },
          hooks: {
            finish: async ({ workDir }) => {
              collected.push(Number(readFileSync(join(workDir, 'out.txt'), 'utf8')));
              addRan();
              return { ok: true };
            },
          },
        };
      }
    },
  };
  const graph = createStepGraph();
  graph.addNode('square', {
    id: 'square',
    name: 'square',
    resources: { cpus: 1 },
    keyParts: { identity: 'square' },
    source: squareSource,
  });
  graph.addNode('add', {
    id: 'add',
    name: 'add',
    resources: { cpus: 1 },
    keyParts: { identity: 'add' },
    source: addSource,
  });
  graph.addEdge('square', 'add', { kind: 'stream' });
  return { workflow: { file: '/pipeline', format: 'dsl', graph }, collected, settled, reused };
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

// Runs a pipeline in `dir` with the local backend, returning the outcome and the events.
async function run(
  p: Pipeline,
  dir: string,
  options: { keepGoing?: boolean; resume?: true } = {},
): Promise<{ outcome: RunOutcome; events: PipeEvent[] }> {
  const store = openSqliteStore(join(dir, '.pipe'));
  const backend = createLocalBackend({ launchDir: dir, maxRunning: 2 });
  const bus = createEventBus();
  const events: PipeEvent[] = [];
  bus.subscribe((event) => events.push(event));
  cleanups.push(async () => {
    await backend.close();
    store.close();
  });
  const outcome = await executeRun({
    workflow: p.workflow,
    launchDir: dir,
    stateDir: join(dir, '.pipe'),
    workRoot: join(dir, 'work'),
    store,
    backend,
    bus,
    limits: { jobs: 2, cpus: 2, memoryBytes: 2 ** 32 },
    retries: 0,
    retryDelayMs: 10,
    keepGoing: options.keepGoing === true,
    resume: options.resume,
    argv: [],
    stop: new AbortController().signal,
    kill: new AbortController().signal,
  });
  return { outcome, events };
}

describe('dataflow hooks', () => {
  it('runs the script a stage hook returns, in a work dir holding what the hook staged', async () => {
    const dir = scratchDir();
    const p = pipeline(1);
    const { outcome } = await run(p, dir);
    expect(outcome.status).toBe('succeeded');
    expect(p.collected).toEqual([2]);
  });

  it('starts tasks of a streaming step from results of a step that is still running', async () => {
    const dir = scratchDir();
    const p = pipeline(6, undefined, true);
    const { outcome, events } = await run(p, dir);
    expect(outcome.status).toBe('succeeded');
    expect(outcome.counts.succeeded).toBe(12);
    expect([...p.collected].sort((a, b) => a - b)).toEqual([2, 5, 10, 17, 26, 37]);
    // The last square waits in its stage hook until an add has run: without streaming the run would never end.
    const firstAdd = events.findIndex((e) => e.type === 'task.state' && e.stepId === 'add' && e.to === 'succeeded');
    const lastSquare = events.findIndex(
      (e) => e.type === 'task.state' && e.taskId === 'square:6' && e.to === 'succeeded',
    );
    expect(firstAdd).toBeGreaterThanOrEqual(0);
    expect(lastSquare).toBeGreaterThan(firstAdd);
  });

  it('fails an attempt whose finish hook refuses its outputs, with the hook’s reason', async () => {
    const dir = scratchDir();
    const p = pipeline(3, 2);
    const { outcome, events } = await run(p, dir, { keepGoing: true });
    expect(outcome.status).toBe('failed');
    const failed = events.find((e) => e.type === 'task.state' && e.to === 'failed');
    expect(failed).toMatchObject({ taskId: 'square:2', reason: 'output out.txt is not an even number' });
    expect(p.settled).toContainEqual(['square:2', 'failed']);
    expect([...p.collected].sort((a, b) => a - b)).toEqual([2, 10]);
  });

  it('lets a run succeed past a failure its finish hook says to ignore, recording the task failed', async () => {
    const dir = scratchDir();
    const p = pipeline(3, 2, false, true);
    const { outcome } = await run(p, dir);
    expect(outcome.status).toBe('succeeded');
    expect(outcome.counts.failed).toBe(1);
    expect(p.settled).toContainEqual(['square:2', 'failed']);
    expect([...p.collected].sort((a, b) => a - b)).toEqual([2, 10]);
  });

  it('on resume offers earlier work dirs to the finish hook, which collects their outputs again', async () => {
    const dir = scratchDir();
    await run(pipeline(3), dir);
    const again = pipeline(3);
    const { outcome } = await run(again, dir, { resume: true });
    expect(outcome.counts.cached).toBe(6);
    expect(again.reused.sort()).toEqual(['square:1', 'square:2', 'square:3']);
    expect([...again.collected].sort((a, b) => a - b)).toEqual([2, 5, 10]);
  });

  it('runs a task again on resume when its finish hook no longer finds its outputs', async () => {
    const dir = scratchDir();
    const first = await run(pipeline(2), dir);
    const workDir = first.events.find(
      (e) => e.type === 'task.state' && e.taskId === 'square:1' && e.to === 'succeeded',
    );
    const out = join((workDir as { workDir: string }).workDir, 'out.txt');
    expect(existsSync(out)).toBe(true);
    rmSync(out);
    const again = pipeline(2);
    const { outcome } = await run(again, dir, { resume: true });
    expect(outcome.status).toBe('succeeded');
    expect(again.reused).toEqual(['square:2']);
    expect(outcome.counts.succeeded).toBe(1); // square:1; its add has the same command and is reused
    expect(outcome.counts.cached).toBe(3);
    expect([...again.collected].sort((a, b) => a - b)).toEqual([2, 5]);
  });
});
