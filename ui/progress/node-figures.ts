// Agents' node figures in words, for `pipe server`'s view, `pipe tasks --server` and the report:
// "load 1.52 · mem 3.1 GB/15.6 GB · gpu0 45% 2 GB/16 GB".
import type { AgentRow, NodeFigures } from '../../backends/pilot/protocol/messages.js';
import { formatCount, formatDuration } from '../format.js';
import { traceMemory } from '../trace/nextflow-format.js';

// Used of total, "3.1 GB/15.6 GB", or what is known of them.
function usedOf(used: number | undefined, total: number | undefined): string | undefined {
  if (used === undefined) return total === undefined ? undefined : `?/${traceMemory(total)}`;
  return total === undefined ? traceMemory(used) : `${traceMemory(used)}/${traceMemory(total)}`;
}

// One node sample in a line; '-' when the agent sends none (it does not monitor).
export function nodeText(node: NodeFigures | undefined): string {
  if (node === undefined) return '-';
  const parts: string[] = [];
  if (node.load1 !== undefined) parts.push(`load ${node.load1.toFixed(2)}`);
  const memory = usedOf(node.memUsedBytes, node.memTotalBytes);
  if (memory !== undefined) parts.push(`mem ${memory}`);
  for (const gpu of node.gpus ?? []) {
    const util = gpu.utilPercent === undefined ? '' : ` ${Math.round(gpu.utilPercent)}%`;
    const memoryOfGpu = usedOf(gpu.memUsedBytes, gpu.memTotalBytes);
    parts.push(`gpu${gpu.index}${util}${memoryOfGpu === undefined ? '' : ` ${memoryOfGpu}`}`);
  }
  return parts.length === 0 ? '-' : parts.join(' · ');
}

// An agent's state in a word: running N, idle for T, or disconnected.
export function agentState(agent: AgentRow): string {
  if (!agent.connected) return 'disconnected';
  if (agent.running > 0) return `running ${formatCount(agent.running)}/${formatCount(agent.slots)}`;
  return agent.idleSinceMs === undefined ? 'idle' : `idle ${formatDuration(agent.idleSinceMs)}`;
}

// The agents' table rows: AGENT, HOST, STATE, NODE.
export function agentRows(agents: readonly AgentRow[]): string[][] {
  return [
    ['AGENT', 'HOST', 'STATE', 'NODE'],
    ...agents.map((agent) => [agent.id, agent.host, agentState(agent), nodeText(agent.node)]),
  ];
}
