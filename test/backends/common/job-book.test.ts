import { describe, expect, it } from 'vitest';
import type { JobStatus, PreparedTask } from '../../../engine/backend.js';
import { createJobBook, type BookedJob } from '../../../backends/common/job-book.js';

const task = (id: string, extra: Partial<PreparedTask> = {}): PreparedTask => ({
  id,
  name: id,
  stepName: 'step',
  light: true,
  command: 'true',
  cpus: 1,
  ...extra,
});
const job = (id: string, signal = new AbortController().signal): BookedJob => ({ task: task(id), signal });
const done = (exitCode: number): JobStatus => ({ state: 'completed', exitCode, endedAt: 1 });

describe('the job book', () => {
  it('answers poll() with the live status of held jobs, the kept status of completed ones and unknown otherwise', () => {
    const book = createJobBook<BookedJob>({ backend: 'test' });
    const a = job('a');
    const b = job('b');
    book.add(a);
    book.add(b);
    expect(book.complete(b, done(3))).toBe(true);
    expect(book.poll(['a', 'b', 'c'], () => ({ state: 'queued' }))).toEqual(
      new Map<string, JobStatus>([
        ['a', { state: 'queued' }],
        ['b', done(3)],
        ['c', { state: 'unknown' }],
      ]),
    );
  });

  it('completes a job once: a second completion is ignored and reported to nobody', () => {
    const book = createJobBook<BookedJob>({ backend: 'test' });
    const seen: [string, JobStatus][] = [];
    book.subscribe((id, status) => seen.push([id, status]));
    const a = job('a');
    book.add(a);
    expect(book.complete(a, done(0))).toBe(true);
    expect(book.complete(a, done(9))).toBe(false);
    expect(seen).toEqual([['a', done(0)]]);
    expect(book.poll(['a'], () => ({ state: 'queued' })).get('a')).toEqual(done(0));
  });

  it('keeps the statuses of the last `retain` completed jobs, dropping the oldest first', () => {
    const book = createJobBook<BookedJob>({ backend: 'test', retain: 3 });
    for (const id of ['1', '2', '3', '4', '5']) {
      const j = job(id);
      book.add(j);
      book.complete(j, done(Number(id)));
    }
    const polled = book.poll(['1', '2', '3', '4', '5'], () => ({ state: 'queued' }));
    expect([...polled.values()].map((s) => s.state)).toEqual([
      'unknown',
      'unknown',
      'completed',
      'completed',
      'completed',
    ]);
  });

  it('keeps 10,000 completed statuses by default', () => {
    const book = createJobBook<BookedJob>({ backend: 'test' });
    for (let i = 0; i <= 10_000; i++) {
      const j = job(String(i));
      book.add(j);
      book.complete(j, done(0));
    }
    const polled = book.poll(['0', '1', '10000'], () => ({ state: 'queued' }));
    expect([...polled.values()].map((s) => s.state)).toEqual(['unknown', 'completed', 'completed']);
  });

  it('delivers a status to every listener when one throws, and hands the error on', () => {
    const errors: unknown[] = [];
    const book = createJobBook<BookedJob>({ backend: 'test', onListenerError: (error) => errors.push(error) });
    const seen: string[] = [];
    book.subscribe(() => {
      throw new Error('listener broke');
    });
    book.subscribe((id) => seen.push(id));
    const a = job('a');
    book.add(a);
    book.emit('a', { state: 'running' });
    expect(book.complete(a, done(0))).toBe(true);
    expect(seen).toEqual(['a', 'a']);
    expect(errors.map((e) => (e as Error).message)).toEqual(['listener broke', 'listener broke']);
  });

  it('refuses a task after close, an aborted signal, an id it holds and a task with neither light nor work dir', () => {
    const book = createJobBook<BookedJob>({ backend: 'test' });
    const live = new AbortController().signal;
    book.add(job('held'));
    expect(() => book.checkSubmit(task('held'), live)).toThrow('Task `held` is already submitted to the test backend');
    expect(() => book.checkSubmit(task('x', { light: false }), live)).toThrow(
      'Task `x` is neither light nor has a work dir',
    );
    expect(() => book.checkSubmit(task('x'), AbortSignal.abort())).toThrow();
    expect(() => book.checkSubmit(task('x', { light: false, workDir: '/w' }), live)).not.toThrow();
    book.close();
    expect(book.closed).toBe(true);
    expect(() => book.checkSubmit(task('y'), live)).toThrow('Cannot submit task `y`: the test backend is closed');
  });

  it('tells the backend about an abort before the job started, and not after', () => {
    const aborted: string[] = [];
    const book = createJobBook<BookedJob>({ backend: 'test', onAbort: (j) => aborted.push(j.task.id) });
    const controller = new AbortController();
    const waiting = job('waiting', controller.signal);
    const running = job('running', controller.signal);
    book.add(waiting);
    book.add(running);
    book.started(running);
    controller.abort();
    expect(aborted).toEqual(['waiting']);
  });

  it('lets the backend forget its own state of a job before the job is reported completed', () => {
    const order: string[] = [];
    const book = createJobBook<BookedJob>({ backend: 'test', onRetire: (j) => order.push(`retire ${j.task.id}`) });
    book.subscribe((id) => order.push(`report ${id}`));
    const a = job('a');
    book.add(a);
    book.complete(a, done(0));
    expect(order).toEqual(['retire a', 'report a']);
    expect(book.size).toBe(0);
  });
});
