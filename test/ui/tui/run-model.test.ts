import { describe, expect, it } from 'vitest';
import { createRunModel } from '../../../ui/tui/run-model.js';
import { ran, started, state } from './run-events.js';

describe('live view model', () => {
  it('counts done, cached, failed and running per step and overall', () => {
    const model = createRunModel();
    for (const e of [
      ...started([
        ['align', 4],
        ['merge', 1],
      ]),
      state('align', '1', 'pending', 'cached'),
      ...ran('align', '2', 'succeeded'),
      ...ran('align', '3', 'failed', { exitCode: 2, errFile: '/w/.pipe/logs/r1/3.1.err' }),
      state('align', '4', 'pending', 'submitted', { tag: 'sample-4' }),
    ])
      model.onEvent(e);
    const snap = model.snapshot(5_000);
    expect(snap).toMatchObject({ total: 5, done: 3, cached: 1, failed: 1, running: 0, queued: 1 });
    expect(snap.steps[0]).toMatchObject({
      id: 'align',
      total: 4,
      done: 3,
      cached: 1,
      failed: 1,
      running: 0,
      queued: 1,
      lastTag: 'sample-4',
    });
    expect(snap.steps[1]).toMatchObject({ id: 'merge', total: 1, done: 0 });
    expect(snap.errors).toEqual([
      expect.objectContaining({ taskId: '3', reason: 'exit code 2', where: '/w/.pipe/logs/r1/3.1.err' }),
    ]);
  });

  it('counts as running only tasks that started, not those queued in a launcher or a scheduler', () => {
    const model = createRunModel();
    for (const e of started([['s', 3]])) model.onEvent(e);
    for (const id of ['1', '2', '3']) model.onEvent(state('s', id, 'pending', 'submitted'));
    model.onEvent(state('s', '1', 'submitted', 'running'));
    expect(model.snapshot(0)).toMatchObject({ running: 1, queued: 2 });
    model.onEvent(state('s', '1', 'running', 'succeeded'));
    model.onEvent(state('s', '2', 'submitted', 'pending'));
    expect(model.snapshot(0)).toMatchObject({ running: 0, queued: 1, done: 1 });
  });

  it('counts cancelled tasks per step, so a step with cancelled tasks is not shown finished', () => {
    const model = createRunModel();
    for (const e of started([['s', 2]])) model.onEvent(e);
    model.onEvent(state('s', '1', 'pending', 'submitted'));
    model.onEvent(state('s', '1', 'submitted', 'running'));
    model.onEvent(state('s', '1', 'running', 'cancelled'));
    model.onEvent(state('s', '2', 'pending', 'cancelled'));
    expect(model.snapshot(0).steps[0]).toMatchObject({ done: 2, cancelled: 2, running: 0, queued: 0 });
  });

  it('stops counting a failed attempt as failed once its retry is submitted', () => {
    const model = createRunModel();
    for (const e of [...started([['s', 1]]), ...ran('s', '1', 'failed', { exitCode: 1 })]) model.onEvent(e);
    model.onEvent(state('s', '1', 'pending', 'submitted', { attempt: 2 }));
    expect(model.snapshot(0)).toMatchObject({ done: 0, failed: 0, running: 0, queued: 1 });
    expect(model.snapshot(0).errors).toHaveLength(1);
  });

  it('counts the tasks of steps that have not opened yet in the total, so the ETA covers them', () => {
    const model = createRunModel(
      new Map([
        ['a', 10],
        ['b', 30],
      ]),
    );
    model.onEvent({
      type: 'run.started',
      time: 0,
      runId: 'r',
      workflow: 'w',
      backend: 'local',
      steps: [
        { id: 'a', name: 'a' },
        { id: 'b', name: 'b' },
      ],
    });
    model.onEvent({ type: 'step.expanded', time: 0, stepId: 'a', total: 10, final: false });
    for (let i = 0; i < 10; i++)
      for (const e of ran('a', String(i), 'succeeded')) model.onEvent({ ...e, time: i * 100 } as typeof e);
    const snap = model.snapshot(1_000);
    expect(snap.total).toBe(40);
    expect(snap.etaMs).toBeGreaterThan(0);
  });

  it('reports nothing changed until an event arrives after a snapshot', () => {
    const model = createRunModel();
    model.onEvent(started([['s', 1]])[0]!);
    model.snapshot(0);
    expect(model.dirty()).toBe(false);
    model.onEvent(state('s', '1', 'pending', 'submitted'));
    expect(model.dirty()).toBe(true);
  });
});
