import { describe, expect, it } from 'vitest';
import { BATCH_MS, createReports } from '../../../../backends/pilot/agent/reports.js';
import type { AgentMessage } from '../../../../backends/pilot/protocol/messages.js';

const later = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, BATCH_MS * 3));
const result = (id: string) => ({ id, attempt: 1, exitCode: 0, startedAt: 1, endedAt: 2 });

describe('agent reports', () => {
  it('sends a burst of results as one done batch', async () => {
    const sent: AgentMessage[] = [];
    const reports = createReports();
    reports.connected((m) => sent.push(m));
    for (const id of ['a', 'b', 'c']) reports.result(result(id));
    await later();
    expect(sent).toEqual([{ t: 'done', seq: 1, results: [result('a'), result('b'), result('c')] }]);
  });

  it('leaves out a start whose result goes in the same batch', async () => {
    const sent: AgentMessage[] = [];
    const reports = createReports();
    reports.connected((m) => sent.push(m));
    reports.started({ id: 'quick', attempt: 1, at: 1 });
    reports.started({ id: 'slow', attempt: 1, at: 1 });
    reports.result(result('quick'));
    await later();
    expect(sent.map((m) => m.t)).toEqual(['started', 'done']);
    expect(sent[0]).toEqual({ t: 'started', tasks: [{ id: 'slow', attempt: 1, at: 1 }] });
  });

  it('keeps results while disconnected and sends unacked batches first on reconnection', async () => {
    const first: AgentMessage[] = [];
    const reports = createReports();
    reports.connected((m) => first.push(m));
    reports.result(result('a'));
    await later();
    reports.connected(undefined);
    reports.result(result('b'));
    expect(reports.holding()).toEqual([
      { id: 'a', attempt: 1 },
      { id: 'b', attempt: 1 },
    ]);
    const second: AgentMessage[] = [];
    reports.connected((m) => second.push(m));
    expect(second).toEqual([first[0], { t: 'done', seq: 2, results: [result('b')] }]);
    reports.ack(1);
    reports.ack(2);
    expect(reports.unacked).toBe(0);
    expect(reports.holding()).toEqual([]);
  });
});
