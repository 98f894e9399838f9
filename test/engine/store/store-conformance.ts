// The behaviour every Store implementation shares; each implementation's test file runs it against its own store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunRecord, Store, TaskRecord } from '../../../engine/store/store.js';
import { sha256 } from '../../../engine/cache-key.js';

// A run record with defaults for what a test does not care about.
export function aRun(id: string, fields: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    workflow: '/home/ada/flow.txt',
    launchDir: '/home/ada',
    backend: 'local',
    status: 'running',
    startedAt: 1_700_000_000_000,
    pid: 4242,
    host: 'login1',
    argv: '["pipe","run","flow.txt"]',
    ...fields,
  };
}

// A task attempt with defaults for what a test does not care about.
export function aTask(runId: string, taskId: string, fields: Partial<TaskRecord> = {}): TaskRecord {
  return {
    runId,
    taskId,
    stepId: 'align',
    idx: Number.parseInt(taskId.replace(/\D/g, ''), 10) || 0,
    attempt: 1,
    state: 'succeeded',
    key: `key-${taskId}`,
    command: `echo ${taskId}`,
    ...fields,
  };
}

// Registers the shared Store tests; `open` returns a fresh, empty store.
export function describeStoreConformance(name: string, open: () => Store): void {
  describe(`${name} (Store conformance)`, () => {
    let store: Store;
    beforeEach(() => {
      store = open();
    });
    afterEach(() => {
      store.close();
    });

    describe('runs', () => {
      it('returns a created run by id, and undefined for an unknown id', () => {
        const run = aRun('r1', { resumedFrom: 'r0', finishedAt: undefined });
        store.createRun(run);
        expect(store.getRun('r1')).toEqual(run);
        expect(store.getRun('nope')).toBeUndefined();
      });

      it('records the status and end time when a run finishes', () => {
        store.createRun(aRun('r1'));
        store.finishRun('r1', 'failed', 1_700_000_009_000);
        expect(store.getRun('r1')).toMatchObject({ status: 'failed', finishedAt: 1_700_000_009_000 });
      });

      it('refuses to finish a run it does not know', () => {
        expect(() => store.finishRun('ghost', 'succeeded', 1)).toThrow(/ghost/);
      });

      it('finds the latest run overall and of one workflow, newest start first', () => {
        store.createRun(aRun('a1', { workflow: '/w/a.txt', startedAt: 100 }));
        store.createRun(aRun('b1', { workflow: '/w/b.txt', startedAt: 300 }));
        store.createRun(aRun('a2', { workflow: '/w/a.txt', startedAt: 200 }));
        expect(store.latestRun()?.id).toBe('b1');
        expect(store.latestRun('/w/a.txt')?.id).toBe('a2');
        expect(store.latestRun('/w/none.txt')).toBeUndefined();
      });

      it('lists every run, newest first', () => {
        store.createRun(aRun('a', { startedAt: 100 }));
        store.createRun(aRun('c', { startedAt: 300 }));
        store.createRun(aRun('b', { startedAt: 200 }));
        expect(store.runs().map((r) => r.id)).toEqual(['c', 'b', 'a']);
      });

      it('breaks a tie on start time in favour of the run created last', () => {
        store.createRun(aRun('first', { startedAt: 100 }));
        store.createRun(aRun('second', { startedAt: 100 }));
        expect(store.latestRun()?.id).toBe('second');
      });

      it('lists the lineage of a resumed run from the run itself back to the first', () => {
        store.createRun(aRun('r1'));
        store.createRun(aRun('r2', { resumedFrom: 'r1' }));
        store.createRun(aRun('r3', { resumedFrom: 'r2' }));
        expect(store.lineage('r3').map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
        expect(store.lineage('r1').map((r) => r.id)).toEqual(['r1']);
        expect(store.lineage('unknown')).toEqual([]);
      });

      it('forgets a deleted run with its steps and tasks, leaving other runs whole', () => {
        store.createRun(aRun('old', { startedAt: 1 }));
        store.createRun(aRun('new', { startedAt: 2 }));
        store.putSteps([{ runId: 'old', stepId: 'align', name: 'align', parts: '{}' }]);
        store.recordTask(aTask('old', 't1'));
        store.recordTask(aTask('new', 't1'));
        expect(store.deleteRun('old')).toBe(true);
        expect(store.deleteRun('old')).toBe(false);
        expect(store.getRun('old')).toBeUndefined();
        expect(store.getSteps('old')).toEqual([]);
        expect(store.tasks({ runId: 'old' })).toEqual([]);
        expect(store.runs().map((r) => r.id)).toEqual(['new']);
        expect(store.tasks({ runId: 'new' }).map((t) => t.taskId)).toEqual(['t1']);
      });

      it('stops the lineage at a run that resumes itself in a loop', () => {
        store.createRun(aRun('x', { resumedFrom: 'y' }));
        store.createRun(aRun('y', { resumedFrom: 'x' }));
        expect(store.lineage('x').map((r) => r.id)).toEqual(['x', 'y']);
      });
    });

    describe('steps', () => {
      it('returns the steps of a run in the order they were put, with later puts updating them', () => {
        store.putSteps([
          { runId: 'r1', stepId: 'b', name: 'B', parts: '{}' },
          { runId: 'r1', stepId: 'a', name: 'A', parts: '{}' },
          { runId: 'r2', stepId: 'c', name: 'C', parts: '{}' },
        ]);
        store.putSteps([{ runId: 'r1', stepId: 'b', name: 'B', parts: '{"v":2}', total: 7 }]);
        expect(store.getSteps('r1')).toEqual([
          { runId: 'r1', stepId: 'b', name: 'B', parts: '{"v":2}', total: 7 },
          { runId: 'r1', stepId: 'a', name: 'A', parts: '{}' },
        ]);
      });
    });

    describe('tasks', () => {
      it('reads back every field of a recorded task', () => {
        const task = aTask('r1', 't1', {
          backend: 'slurm',
          nativeId: '42',
          workDir: '/w/ab/cdef',
          exitCode: 0,
          signal: 'SIGTERM',
          reason: 'retry',
          submittedAt: 1,
          startedAt: 2,
          endedAt: 3,
          errFile: '/w/err',
          tags: '{"sample":"s1"}',
          inputsDigest: 'd',
          occurrence: 2,
          cachedFrom: 'r0',
        });
        store.recordTask(task);
        const [read] = store.tasks({ runId: 'r1' });
        // A success's record learns its row id as it is written (the run's blocks name their tasks' rows).
        const { rowId, ...fields } = task;
        expect(read).toEqual(fields);
        expect(rowId).toBeGreaterThan(0);
      });

      it('keeps the last change to an attempt when several are recorded before a flush', () => {
        store.recordTask(aTask('r1', 't1', { state: 'submitted' }));
        store.recordTask(aTask('r1', 't1', { state: 'running', startedAt: 5 }));
        store.recordTask(aTask('r1', 't1', { state: 'succeeded', startedAt: 5, exitCode: 0 }));
        expect(store.tasks({ runId: 'r1' })).toEqual([aTask('r1', 't1', { startedAt: 5, exitCode: 0 })]);
      });

      it('filters tasks by state, task id and tag, ordered by index then attempt, up to a limit', () => {
        store.recordTask(aTask('r1', 't3', { state: 'failed', tags: '{"sample":"s1"}' }));
        store.recordTask(aTask('r1', 't1', { state: 'failed', tags: '{"sample":"s2"}' }));
        store.recordTask(aTask('r1', 't1', { attempt: 2, tags: '{"sample":"s2"}' }));
        store.recordTask(aTask('r1', 't2', { tags: '{"sample":"s1"}' }));
        store.recordTask(aTask('r2', 't1', { tags: '{"sample":"s1"}' }));
        const ids = (q: Omit<Parameters<Store['tasks']>[0], 'runId'>): string[] =>
          store.tasks({ runId: 'r1', ...q }).map((t) => `${t.taskId}#${t.attempt}`);
        expect(ids({})).toEqual(['t1#1', 't1#2', 't2#1', 't3#1']);
        expect(ids({ state: 'failed' })).toEqual(['t1#1', 't3#1']);
        expect(ids({ taskId: 't1' })).toEqual(['t1#1', 't1#2']);
        expect(ids({ tag: ['sample', 's1'] })).toEqual(['t2#1', 't3#1']);
        expect(ids({ limit: 2 })).toEqual(['t1#1', 't1#2']);
      });

      it('lists only the latest attempt of each task when asked, and applies the state to that attempt', () => {
        store.recordTask(aTask('r1', 't1', { state: 'failed' }));
        store.recordTask(aTask('r1', 't1', { attempt: 2 }));
        store.recordTask(aTask('r1', 't2', { state: 'failed' }));
        const latest = store.tasks({ runId: 'r1', latestAttemptOnly: true });
        expect(latest.map((t) => `${t.taskId}#${t.attempt}`)).toEqual(['t1#2', 't2#1']);
        const stillFailed = store.tasks({ runId: 'r1', state: 'failed', latestAttemptOnly: true });
        expect(stillFailed.map((t) => t.taskId)).toEqual(['t2']);
      });

      it('matches tag keys that contain quotes or backslashes', () => {
        store.recordTask(aTask('r1', 't1', { tags: JSON.stringify({ 'odd "key" \\ here': 'v' }) }));
        expect(store.tasks({ runId: 'r1', tag: ['odd "key" \\ here', 'v'] })).toHaveLength(1);
        expect(store.tasks({ runId: 'r1', tag: ['odd', 'v'] })).toHaveLength(0);
      });

      it('counts each task once, by the state of its latest attempt', () => {
        store.recordTask(aTask('r1', 't1', { state: 'failed' }));
        store.recordTask(aTask('r1', 't1', { attempt: 2, state: 'failed' }));
        store.recordTask(aTask('r1', 't1', { attempt: 3, state: 'succeeded' }));
        store.recordTask(aTask('r1', 't2', { state: 'failed' }));
        store.recordTask(aTask('r1', 't3', { state: 'running' }));
        store.recordTask(aTask('r1', 't4', { state: 'cached' }));
        store.recordTask(aTask('r2', 't1', { state: 'failed' }));
        expect(store.countByState('r1')).toEqual({ succeeded: 1, failed: 1, running: 1, cached: 1 });
        expect(store.countByState('none')).toEqual({});
      });

      it('records every field of many reused tasks in one batch, in order with the changes between them', () => {
        const reused = Array.from({ length: 123 }, (_, i) =>
          aTask('r2', `c${i}`, {
            state: 'cached',
            key: `k${i}`,
            cachedFrom: 'r1',
            workDir: `/w/${i}`,
            reason: 'reused',
            tags: `{"i":${i}}`,
            occurrence: i % 3,
            inputsDigest: `d${i}`,
          }),
        );
        for (const [i, task] of reused.entries()) {
          store.recordTask(task);
          if (i === 70) store.recordTask(aTask('r2', 'x1', { state: 'failed', exitCode: 2 }));
        }
        const byId = new Map(store.tasks({ runId: 'r2' }).map((t) => [t.taskId, t]));
        expect(byId.size).toBe(124);
        for (const task of reused) expect(byId.get(task.taskId)).toMatchObject(task);
        expect(byId.get('x1')).toMatchObject({ state: 'failed', exitCode: 2 });
        expect(store.countByState('r2')).toEqual({ cached: 123, failed: 1 });
        expect(store.completedKeys(['r2']).get('k122')).toBe('r1');
      });

      it('maps completed keys to the run that ran them, following reuse to the original run', () => {
        store.recordTask(aTask('r1', 't1', { key: 'k1' }));
        store.recordTask(aTask('r1', 't2', { key: 'k2', state: 'failed' }));
        store.recordTask(aTask('r2', 't1', { key: 'k1', state: 'cached', cachedFrom: 'r1' }));
        store.recordTask(aTask('r2', 't2', { key: 'k2' }));
        store.recordTask(aTask('r2', 't3', { key: 'k3', state: 'cached' }));
        store.recordTask(aTask('r2', 't4', { key: 'k4', state: 'running' }));
        expect(new Map(store.completedKeys(['r2', 'r1']))).toEqual(
          new Map([
            ['k1', 'r1'],
            ['k2', 'r2'],
            ['k3', 'r2'],
          ]),
        );
        expect(store.completedKeys([]).size).toBe(0);
      });

      it('maps cache keys as pipe makes them (hex sha256) the same way, newest run first', () => {
        const key = (n: number): string => sha256(`task ${n}`);
        for (let i = 0; i < 3000; i++) store.recordTask(aTask('r1', `t${i}`, { key: key(i) }));
        store.recordTask(aTask('r2', 't0', { key: key(0), state: 'cached', cachedFrom: 'r1' }));
        store.recordTask(aTask('r2', 't1', { key: key(1) }));
        store.recordTask(aTask('r2', 'x', { key: key(5000), state: 'failed' }));
        const keys = store.completedKeys(['r2', 'r1']);
        expect(keys.size).toBe(3000);
        expect(keys.get(key(0))).toBe('r1');
        expect(keys.get(key(1))).toBe('r2');
        expect(keys.get(key(2999))).toBe('r1');
        expect(keys.get(key(5000))).toBeUndefined();
        expect(keys.get(key(0).toUpperCase())).toBeUndefined();
        expect(new Set(keys.keys())).toEqual(new Set(Array.from({ length: 3000 }, (_, i) => key(i))));
      });

      it('prefers the newest run (the first given) when several ran the same key', () => {
        store.recordTask(aTask('old', 't1', { key: 'k' }));
        store.recordTask(aTask('new', 't1', { key: 'k' }));
        expect(store.completedKeys(['new', 'old']).get('k')).toBe('new');
      });

      it('reports latest attempts that were submitted or running but never ended as unfinished', () => {
        store.recordTask(aTask('r1', 't1', { state: 'running', workDir: '/w/1' }));
        store.recordTask(aTask('r1', 't2', { state: 'running' }));
        store.recordTask(aTask('r1', 't2', { attempt: 2, state: 'failed' }));
        store.recordTask(aTask('r1', 't3', { state: 'succeeded' }));
        store.recordTask(aTask('r2', 't4', { state: 'submitted', nativeId: '77' }));
        store.recordTask(aTask('r2', 't5', { state: 'pending' }));
        const unfinished = store.unfinished(['r1', 'r2']);
        expect(unfinished.map((t) => `${t.runId}/${t.taskId}#${t.attempt}`)).toEqual(['r1/t1#1', 'r2/t4#1']);
        expect(unfinished[0]?.workDir).toBe('/w/1');
      });
    });
  });
}
