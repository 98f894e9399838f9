import { describe, expect, it } from 'vitest';
import { createStepGraph, type StepAttributes } from '../../../engine/graph.js';
import { dagFormatOfFile, renderDag } from '../../../ui/dag/render-dag.js';

// A step with `total` tasks.
function stepAttrs(id: string, total: number): StepAttributes {
  return { id, name: id, resources: { cpus: 1 }, keyParts: { identity: id }, source: { total, async *tasks() {} } };
}

// index → align (data, 4 tasks) → "merge \"all\"" (order).
function graph() {
  const g = createStepGraph();
  g.addNode('merge', stepAttrs('merge "all"', 1));
  g.addNode('align', stepAttrs('align', 4));
  g.addNode('index', stepAttrs('index', 1));
  g.addEdge('index', 'align', { kind: 'data', fromPort: 'idx', toPort: 'ref' });
  g.addEdge('align', 'merge', { kind: 'order' });
  return g;
}

describe('pipe dag', () => {
  it('writes Graphviz DOT in dependency order, dashed order-only edges and labelled data edges', () => {
    expect(renderDag(graph(), 'dot', 'flow.yaml')).toBe(
      [
        'digraph "flow.yaml" {',
        '  rankdir=TB;',
        '  node [shape=box, style=rounded];',
        '  "index" [label="index"];',
        '  "align" [label="align\\n4 tasks"];',
        '  "merge" [label="merge \\"all\\""];',
        '  "index" -> "align" [label="idx → ref"];',
        '  "align" -> "merge" [style=dashed];',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes a Mermaid flowchart with safe node ids and quoted labels', () => {
    expect(renderDag(graph(), 'mermaid', 'flow.yaml')).toBe(
      [
        'flowchart TD',
        '  s0["index"]',
        '  s1["align<br/>4 tasks"]',
        '  s2["merge #quot;all#quot;"]',
        '  s0 -->|"idx → ref"| s1',
        '  s1 -.-> s2',
        '',
      ].join('\n'),
    );
  });

  it('writes JSON with nodes and edges', () => {
    const json = JSON.parse(renderDag(graph(), 'json', 'flow.yaml')) as {
      nodes: { id: string }[];
      edges: { from: string; to: string; kind: string }[];
    };
    expect(json.nodes.map((n) => n.id)).toEqual(['index', 'align', 'merge']);
    expect(json.edges).toEqual([
      { from: 'index', to: 'align', kind: 'data', fromPort: 'idx', toPort: 'ref' },
      { from: 'align', to: 'merge', kind: 'order' },
    ]);
  });

  it('tells the format from a --with-dag file name', () => {
    expect([
      dagFormatOfFile('a.dot'),
      dagFormatOfFile('a.mmd'),
      dagFormatOfFile('a.JSON'),
      dagFormatOfFile('a.png'),
    ]).toEqual(['dot', 'mermaid', 'json', undefined]);
  });
});
