// The step graph as text: Graphviz DOT, a Mermaid flowchart, or JSON, for `pipe dag` and `pipe run --with-dag`.
import type { EdgeAttributes, StepGraph } from '../../engine/graph.js';
import { orderSteps } from '../../engine/graph.js';

export const DAG_FORMATS = ['dot', 'mermaid', 'json'] as const;
export type DagFormat = (typeof DAG_FORMATS)[number];

interface DagNode {
  readonly id: string;
  readonly name: string;
  readonly tasks?: number | undefined;
}

interface DagEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeAttributes['kind'];
  readonly fromPort?: string | undefined;
  readonly toPort?: string | undefined;
}

// The format a --with-dag file name implies: .dot/.gv, .mmd/.mermaid/.md, or .json; undefined when none.
export function dagFormatOfFile(file: string): DagFormat | undefined {
  const ext = /\.([A-Za-z]+)$/.exec(file)?.[1]?.toLowerCase();
  if (ext === 'dot' || ext === 'gv') return 'dot';
  if (ext === 'mmd' || ext === 'mermaid' || ext === 'md') return 'mermaid';
  if (ext === 'json') return 'json';
  return undefined;
}

// Renders the graph in a format; steps come in dependency order so the output is stable and reads top-down.
export function renderDag(graph: StepGraph, format: DagFormat, title: string): string {
  const order = orderSteps(graph) ?? graph.nodes();
  const nodes: DagNode[] = order.map((id) => {
    const attrs = graph.getNodeAttributes(id);
    return { id, name: attrs.name, tasks: attrs.source.total };
  });
  const edges: DagEdge[] = [];
  for (const id of order) {
    graph.forEachOutEdge(id, (_edge, attrs, from, to) => {
      edges.push({ from, to, kind: attrs.kind, fromPort: attrs.fromPort, toPort: attrs.toPort });
    });
  }
  switch (format) {
    case 'dot':
      return renderDot(nodes, edges, title);
    case 'mermaid':
      return renderMermaid(nodes, edges);
    case 'json':
      return `${JSON.stringify({ title, nodes, edges }, null, 2)}\n`;
    default: {
      const never: never = format;
      return never;
    }
  }
}

// A DOT string literal.
function dotString(text: string): string {
  return `"${text.replace(/["\\]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;
}

// The label of a step: its name, and its number of tasks when it has more than one.
function label(node: DagNode): string {
  return node.tasks !== undefined && node.tasks > 1 ? `${node.name}\n${node.tasks} tasks` : node.name;
}

// The label of a data edge: the ports it joins.
function portLabel(edge: DagEdge): string | undefined {
  if (edge.kind !== 'data' || (edge.fromPort === undefined && edge.toPort === undefined)) return undefined;
  return [edge.fromPort, edge.toPort].filter((p) => p !== undefined).join(' → ');
}

// Graphviz DOT: boxes for steps, dashed arrows for order-only edges.
function renderDot(nodes: readonly DagNode[], edges: readonly DagEdge[], title: string): string {
  const lines = [`digraph ${dotString(title)} {`, '  rankdir=TB;', '  node [shape=box, style=rounded];'];
  for (const node of nodes) lines.push(`  ${dotString(node.id)} [label=${dotString(label(node))}];`);
  for (const edge of edges) {
    const attrs: string[] = [];
    if (edge.kind === 'order') attrs.push('style=dashed');
    const ports = portLabel(edge);
    if (ports !== undefined) attrs.push(`label=${dotString(ports)}`);
    lines.push(
      `  ${dotString(edge.from)} -> ${dotString(edge.to)}${attrs.length > 0 ? ` [${attrs.join(', ')}]` : ''};`,
    );
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

// Mermaid flowchart: node ids are s0, s1, … (step ids may hold characters Mermaid reserves), labels quoted.
function renderMermaid(nodes: readonly DagNode[], edges: readonly DagEdge[]): string {
  const ids = new Map(nodes.map((node, i) => [node.id, `s${i}`]));
  const quote = (text: string): string => `"${text.replace(/"/g, '#quot;').replace(/\n/g, '<br/>')}"`;
  const lines = ['flowchart TD'];
  for (const node of nodes) lines.push(`  ${ids.get(node.id)}[${quote(label(node))}]`);
  for (const edge of edges) {
    const ports = portLabel(edge);
    const arrow = edge.kind === 'order' ? '-.->' : '-->';
    lines.push(`  ${ids.get(edge.from)} ${arrow}${ports === undefined ? '' : `|${quote(ports)}|`} ${ids.get(edge.to)}`);
  }
  return `${lines.join('\n')}\n`;
}
