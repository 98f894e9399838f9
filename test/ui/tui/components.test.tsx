import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { PipeEvent } from '../../../engine/events.js';
import { ProgressBar } from '../../../ui/tui/components/ProgressBar.js';
import { RunView } from '../../../ui/tui/components/RunView.js';
import { createRunModel, type RunSnapshot } from '../../../ui/tui/run-model.js';
import { ran, started, state } from './run-events.js';

// The snapshot a run's events leave, taken 3 s after it started.
function snapshotOf(events: readonly PipeEvent[]): RunSnapshot {
  const model = createRunModel();
  for (const e of events) model.onEvent(e);
  return model.snapshot(3_000);
}

describe('ProgressBar', () => {
  it('fills the share of finished tasks and leaves the rest empty', () => {
    const { lastFrame } = render(<ProgressBar done={5} failed={0} total={10} width={10} />);
    expect(lastFrame()).toBe('█████░░░░░');
  });

  it('shows a failure as at least one cell even among thousands of tasks', () => {
    const { lastFrame } = render(<ProgressBar done={1} failed={1} total={5000} width={10} />);
    expect(lastFrame()).toBe('█░░░░░░░░░');
  });
});

describe('RunView', () => {
  it('shows the header, one row per step with counts and latest tag, and the failure with its log', () => {
    const run = snapshotOf([
      ...started([
        ['index', 1],
        ['align', 3],
        ['cleanup', 2],
      ]),
      ...ran('index', '1', 'succeeded'),
      state('align', 'a1', 'pending', 'cached'),
      ...ran('align', 'a2', 'failed', { exitCode: 3, workDir: '/w/work/ab/cdef' }),
      state('align', 'a3', 'pending', 'submitted', { tag: 'sample-3' }),
      state('align', 'a3', 'submitted', 'running', { tag: 'sample-3' }),
      state('cleanup', 'c1', 'pending', 'submitted'),
    ]);
    const frame = render(<RunView run={run} columns={120} rows={30} />).lastFrame() ?? '';
    const lines = frame.split('\n');
    expect(lines[0]).toBe('pipe flow.yaml run r1 on local');
    expect(lines[1]).toMatch(/^elapsed 3\.0s · 3\/6 done · 1 running · 1 queued · 1 cached · 1 failed/);
    expect(frame).toMatch(/✔ index\s+█+\s+1\/1 · latest index#1/);
    expect(frame).toMatch(/✖ align\s+[█░]+\s+2\/3 1 cached 1 failed 1 running · latest sample-3/);
    expect(frame).toMatch(/▶ cleanup\s+░+\s+0\/2 1 queued/);
    expect(frame).toContain('✖ task a2 (align, attempt 1): exit code 3 — see /w/work/ab/cdef');
  });

  it('fits hundreds of steps into the terminal height, keeping failed steps in view', () => {
    const steps = Array.from({ length: 300 }, (_, i): [string, number] => [`step-${i}`, 1]);
    const events = [
      ...started(steps),
      ...steps.slice(0, 200).flatMap(([id]) => ran(id, id, id === 'step-150' ? 'failed' : 'succeeded')),
    ];
    const frame = render(<RunView run={snapshotOf(events)} columns={100} rows={20} />).lastFrame() ?? '';
    expect(frame.split('\n').length).toBeLessThanOrEqual(20);
    expect(frame).toMatch(/✖ step-150 /);
    expect(frame).toContain('✔ 199 steps finished');
    expect(frame).toContain('… 100 steps waiting');
  });

  it('ends with the summary line once the run has finished', () => {
    const counts = { pending: 0, submitted: 0, running: 0, succeeded: 1, failed: 0, cancelled: 0, cached: 0 };
    const run = snapshotOf([
      ...started([['s', 1]]),
      ...ran('s', '1', 'succeeded'),
      { type: 'run.finished', time: 2_500, runId: 'r1', status: 'succeeded', counts, notRun: 0 },
    ]);
    const frame = render(<RunView run={run} columns={100} rows={20} />).lastFrame() ?? '';
    expect(frame.split('\n').at(-1)).toBe(
      'pipe: run r1 succeeded in 2.5s: 1 succeeded, 0 cached, 0 failed, 0 cancelled',
    );
  });
});

describe('RunView transfers line', () => {
  const stage = (time: number, uri: string, state: string, bytes: number, totalBytes?: number): PipeEvent =>
    ({ type: 'stage.progress', time, uri, direction: 'in', state, bytes, totalBytes }) as PipeEvent;

  it('shows staging transfers once one was seen, and nothing when there was none', () => {
    const quiet = render(<RunView run={snapshotOf([...started([['a', 1]])])} columns={100} rows={20} />);
    expect(quiet.lastFrame()).not.toContain('transfers');
    const run = snapshotOf([
      ...started([['a', 1]]),
      stage(1, 'scp://h/one', 'started', 0, 2_000_000),
      stage(2, 'scp://h/one', 'progress', 1_000_000, 2_000_000),
      stage(3, 'scp://h/two', 'started', 0, 1_000_000),
      stage(4, 'scp://h/two', 'done', 1_000_000, 1_000_000),
      stage(5, 'scp://h/three', 'reused', 10, 10),
    ]);
    const frame = render(<RunView run={run} columns={100} rows={20} />).lastFrame() ?? '';
    expect(frame).toMatch(/transfers: 1 running, 1 done, 1 reused · 1\.9 MB of 2\.9 MB/);
  });
});
