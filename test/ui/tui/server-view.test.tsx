import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { AgentRow } from '../../../backends/pilot/protocol/messages.js';
import { ServerView, type ServerSnapshot } from '../../../ui/tui/components/ServerView.js';
import { agentRows, nodeText } from '../../../ui/progress/node-figures.js';

const GiB = 1024 ** 3;
const counts = { queued: 12, running: 3, succeeded: 40, failed: 1, cancelled: 0 };

const gpuNode: AgentRow = {
  id: 'gpu-node-1',
  host: 'n17',
  slots: 4,
  running: 3,
  connected: true,
  node: {
    at: 1,
    load1: 3.456,
    memUsedBytes: 12.5 * GiB,
    memTotalBytes: 64 * GiB,
    gpus: [
      { index: 0, utilPercent: 97.4, memUsedBytes: 30 * GiB, memTotalBytes: 80 * GiB },
      { index: 1, utilPercent: 0, memUsedBytes: 0, memTotalBytes: 80 * GiB },
    ],
  },
};
const plainNode: AgentRow = { id: 'a2', host: 'n18', slots: 2, running: 0, connected: true, idleSinceMs: 65_000 };

const snapshot = (agents: readonly AgentRow[]): ServerSnapshot => ({
  url: 'tcp://127.0.0.1:7878',
  session: 's1',
  counts,
  agents,
});

describe('node figures in words', () => {
  it('says load, memory used of total and each GPU’s use and memory', () => {
    expect(nodeText(gpuNode.node)).toBe('load 3.46 · mem 12.5 GB/64 GB · gpu0 97% 30 GB/80 GB · gpu1 0% 0/80 GB');
    expect(nodeText({ at: 1, load1: 0.5 })).toBe('load 0.50');
    expect(nodeText(undefined)).toBe('-');
  });

  it('lists agents with their state and node for `pipe tasks --server`', () => {
    expect(agentRows([gpuNode, plainNode, { ...plainNode, id: 'gone', connected: false }])).toEqual([
      ['AGENT', 'HOST', 'STATE', 'NODE'],
      ['gpu-node-1', 'n17', 'running 3/4', nodeText(gpuNode.node)],
      ['a2', 'n18', 'idle 1m05s', '-'],
      ['gone', 'n18', 'disconnected', '-'],
    ]);
  });
});

describe('ServerView', () => {
  it('shows the server, the queue and a line per agent with its node figures', () => {
    const frame = render(<ServerView server={snapshot([gpuNode, plainNode])} rows={20} />).lastFrame() ?? '';
    const lines = frame.split('\n');
    expect(lines[0]).toBe('pipe server tcp://127.0.0.1:7878 session s1');
    expect(lines[1]).toBe('12 queued · 3 running · 40 succeeded · 1 failed');
    expect(lines[2]).toBe('2 agent(s)');
    expect(lines[3]).toMatch(/^● gpu-node-1 n17\s+running 3\/4\s+load 3\.46 · mem 12\.5 GB\/64 GB · gpu0 97% 30 GB/);
    expect(lines[4]).toMatch(/^● a2\s+n18\s+idle 1m05s\s+-$/);
    expect(lines).toHaveLength(5);
  });

  it('fits many agents into the terminal, counting those it leaves out', () => {
    const agents = Array.from({ length: 50 }, (_, i) => ({ ...plainNode, id: `agent-${i}` }));
    const lines = (render(<ServerView server={snapshot(agents)} rows={10} />).lastFrame() ?? '').split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[9]).toBe('… 44 more');
  });

  it('says when no agent is connected', () => {
    const frame = render(<ServerView server={snapshot([])} rows={10} />).lastFrame() ?? '';
    expect(frame.split('\n')[2]).toBe('no agent connected');
  });
});
