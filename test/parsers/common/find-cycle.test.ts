import { DirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { findCycle } from '../../../parsers/common/find-cycle.js';

// A directed graph with the given edges.
function graphOf(edges: readonly (readonly [string, string])[], extra: readonly string[] = []): DirectedGraph {
  const graph = new DirectedGraph();
  for (const node of extra) graph.mergeNode(node);
  for (const [from, to] of edges) graph.mergeEdge(from, to);
  return graph;
}

describe('findCycle', () => {
  it('finds nothing in an acyclic graph', () => {
    expect(
      findCycle(
        graphOf([
          ['a', 'b'],
          ['a', 'c'],
          ['b', 'd'],
          ['c', 'd'],
        ]),
      ),
    ).toBeUndefined();
  });

  it('names the nodes of a cycle in edge order', () => {
    const cycle = findCycle(
      graphOf([
        ['x', 'a'],
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'a'],
        ['c', 'y'],
      ]),
    );
    expect(cycle).toHaveLength(3);
    const start = cycle!.indexOf('a');
    expect([...cycle!.slice(start), ...cycle!.slice(0, start)]).toEqual(['a', 'b', 'c']);
  });

  it('finds a self-loop', () => {
    expect(findCycle(graphOf([['a', 'a']]))).toEqual(['a']);
  });

  it('handles a 20,000-node chain without overflowing the stack', () => {
    const edges: [string, string][] = [];
    for (let i = 0; i < 20_000; i++) edges.push([`n${i}`, `n${i + 1}`]);
    expect(findCycle(graphOf(edges))).toBeUndefined();
    edges.push(['n20000', 'n0']);
    expect(findCycle(graphOf(edges))).toHaveLength(20_001);
  });
});
