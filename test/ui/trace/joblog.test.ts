import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../engine/store/store.js';
import { joblogLine, renderJoblog } from '../../../ui/trace/joblog.js';

const base: TaskRecord = {
  runId: 'r',
  taskId: '1',
  stepId: 'tasks',
  idx: 0,
  attempt: 1,
  state: 'succeeded',
  key: 'k',
  command: 'echo a',
  startedAt: 1796601622927,
  endedAt: 1796601624101,
  exitCode: 0,
};

describe("GNU parallel's job log", () => {
  it('writes a line as parallel does: seq, host, start and run time in seconds, send, receive, exit, signal, command', () => {
    expect(joblogLine(base)).toBe('1\t:\t1796601622.927\t     1.174\t0\t0\t0\t0\techo a');
  });

  it('gives a killed task exit value -1 and its signal number', () => {
    expect(joblogLine({ ...base, idx: 4, state: 'failed', exitCode: 143, signal: 'SIGTERM' })).toBe(
      '5\t:\t1796601622.927\t     1.174\t0\t0\t-1\t15\techo a',
    );
  });

  it('leaves out cached attempts and starts with the header', () => {
    const text = renderJoblog([base, { ...base, taskId: '2', idx: 1, state: 'cached' }]);
    expect(text.split('\n')).toEqual([
      'Seq\tHost\tStarttime\tJobRuntime\tSend\tReceive\tExitval\tSignal\tCommand',
      '1\t:\t1796601622.927\t     1.174\t0\t0\t0\t0\techo a',
      '',
    ]);
  });
});
