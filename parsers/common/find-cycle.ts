// Naming a dependency cycle so an error can show it.

// The part of a graphology graph the search needs.
export interface NeighbourGraph {
  nodes(): string[];
  outNeighbors(node: string): string[];
}

const WHITE = 0; // not visited
const GREY = 1; // on the current path
const BLACK = 2; // finished, on no cycle through the current path

// The nodes of one cycle in edge order (each has an edge to the next, the last to the first), or undefined.
export function findCycle(graph: NeighbourGraph): string[] | undefined {
  const color = new Map<string, number>();
  for (const root of graph.nodes()) {
    if ((color.get(root) ?? WHITE) !== WHITE) continue;
    const path: string[] = [root];
    const pending: string[][] = [graph.outNeighbors(root)];
    color.set(root, GREY);
    while (path.length > 0) {
      const next = pending[pending.length - 1]!.pop();
      if (next === undefined) {
        color.set(path.pop()!, BLACK);
        pending.pop();
        continue;
      }
      const state = color.get(next) ?? WHITE;
      if (state === GREY) return path.slice(path.indexOf(next));
      if (state === WHITE) {
        color.set(next, GREY);
        path.push(next);
        pending.push(graph.outNeighbors(next));
      }
    }
  }
  return undefined;
}
