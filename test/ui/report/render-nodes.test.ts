import { describe, expect, it } from 'vitest';
import type { NodeSeries } from '../../../engine/backend.js';
import { nodesSection } from '../../../ui/report/render-nodes.js';

const GiB = 1024 ** 3;

describe("the report's nodes section", () => {
  it('has a row per node: load over the run, its mean and highest, highest memory in use, each GPU', () => {
    const nodes: NodeSeries[] = [
      {
        node: 'agent-a',
        host: 'n17',
        samples: [
          {
            at: 0,
            load1: 1,
            memUsedBytes: 2 * GiB,
            memTotalBytes: 64 * GiB,
            gpus: [{ index: 0, utilPercent: 50, memUsedBytes: 10 * GiB, memTotalBytes: 80 * GiB }],
          },
          {
            at: 60_000,
            load1: 3,
            memUsedBytes: 6 * GiB,
            memTotalBytes: 64 * GiB,
            gpus: [{ index: 0, utilPercent: 90, memUsedBytes: 30 * GiB, memTotalBytes: 80 * GiB }],
          },
        ],
      },
      { node: 'agent-b', host: 'n18', samples: [] },
    ];
    const html = nodesSection(nodes);
    expect(html).toContain('<h2>Nodes (1)</h2>');
    expect(html).toContain('<code>agent-a</code></td><td>n17</td>');
    expect(html).toContain('2 over 1m00s');
    expect(html).toMatch(/<polyline [^>]*points="0\.0,18\.7 160\.0,0\.0"/);
    expect(html).toContain('>2.00</td>'); // mean load
    expect(html).toContain('>3.00</td>'); // highest
    expect(html).toContain('6 GB of 64 GB');
    expect(html).toContain('gpu0 70% · 30 GB/80 GB');
    expect(html).not.toContain('agent-b');
  });

  it('is absent when no node reported figures', () => {
    expect(nodesSection(undefined)).toBe('');
    expect(nodesSection([{ node: 'a', host: 'h', samples: [] }])).toBe('');
  });
});
