import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEventBus, type PipeEvent } from '../../engine/events.js';
import { attachPlainPrinter } from '../../ui/progress/plain.js';

const counts = { pending: 0, submitted: 0, running: 0, succeeded: 3, failed: 1, cancelled: 0, cached: 2 };

// Events for a run of 6 tasks: 2 cached, 3 succeeded, 1 failed.
function events(t0: number): PipeEvent[] {
  const state = (taskId: string, from: string, to: string, extra = {}): PipeEvent =>
    ({ type: 'task.state', time: t0 + 1000, taskId, stepId: 'tasks', attempt: 1, from, to, ...extra }) as PipeEvent;
  return [
    {
      type: 'run.started',
      time: t0,
      runId: 'r1',
      workflow: '/w/list.txt',
      backend: 'local',
      steps: [{ id: 'tasks', name: 'list.txt' }],
    },
    { type: 'step.expanded', time: t0, stepId: 'tasks', total: 6, final: false },
    state('1', 'pending', 'cached'),
    state('2', 'pending', 'cached'),
    ...['3', '4', '5', '6'].flatMap((id) => [state(id, 'pending', 'submitted'), state(id, 'submitted', 'running')]),
    state('3', 'running', 'succeeded'),
    state('4', 'running', 'succeeded'),
    state('5', 'running', 'failed', { exitCode: 2, reason: 'exit code 2', errFile: '/w/.pipe/logs/r1/5.1.err' }),
  ];
}

describe('plain progress printer', () => {
  afterEach(() => vi.useRealTimers());

  it('prints periodic lines with done/total, running, failed, rate and ETA', () => {
    vi.useFakeTimers({ now: 0 });
    const bus = createEventBus();
    const lines: string[] = [];
    attachPlainPrinter(bus, { write: (l) => lines.push(l), intervalMs: 5000, quiet: false });
    for (const event of events(0)) bus.emit(event);
    vi.setSystemTime(2000);
    vi.advanceTimersByTime(5000);
    expect(lines[0]).toBe('pipe: run r1 of /w/list.txt on local');
    expect(lines).toContain('pipe: task 5 failed (attempt 1): exit code 2 — see /w/.pipe/logs/r1/5.1.err');
    const progress = lines.find((l) => l.includes('done')) as string;
    expect(progress).toMatch(/ 5\/6 done · 2 cached · 1 running · 1 failed · [\d.]+\/s · ETA \S+$/);
  });

  it('prints only the failure lines and the summary when quiet', () => {
    vi.useFakeTimers({ now: 0 });
    const bus = createEventBus();
    const lines: string[] = [];
    attachPlainPrinter(bus, { write: (l) => lines.push(l), intervalMs: 5000, quiet: true });
    for (const event of events(0)) bus.emit(event);
    bus.emit({
      type: 'task.state',
      time: 1500,
      taskId: '6',
      stepId: 'tasks',
      attempt: 1,
      from: 'running',
      to: 'succeeded',
    });
    bus.emit({ type: 'run.finished', time: 1500, runId: 'r1', status: 'failed', counts, notRun: 0 });
    vi.advanceTimersByTime(20_000);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('pipe: run r1 failed in 1.5s: 3 succeeded, 2 cached, 1 failed, 0 cancelled');
  });

  it('prints a line for each transfer that is retried or fails, and none for progress', () => {
    const bus = createEventBus();
    const lines: string[] = [];
    attachPlainPrinter(bus, { write: (l) => lines.push(l), intervalMs: 5000, quiet: false });
    const transfer = (state: 'progress' | 'retry' | 'failed', reason?: string): PipeEvent => ({
      type: 'stage.progress',
      time: 0,
      uri: 'scp://host/data/r1.fq',
      direction: 'in',
      state,
      bytes: 10,
      attempt: 1,
      reason,
    });
    bus.emit(transfer('progress'));
    bus.emit(transfer('retry', 'size mismatch: expected 20, got 10'));
    bus.emit(transfer('failed', 'scp://host/data/r1.fq: connection refused by host:22'));
    expect(lines).toEqual([
      'pipe: transfer of scp://host/data/r1.fq failed (attempt 1), retrying: size mismatch: expected 20, got 10',
      'pipe: transfer of scp://host/data/r1.fq failed: connection refused by host:22',
    ]);
  });
});
