// `pipe server`'s live view: the server's address and session, the queue's counts, then a line per agent with
// its state and, when it monitors (`pipe agent --monitor`), its node's load, memory and GPUs.
import { Box, Text } from 'ink';
import type { AgentRow, QueueCounts } from '../../../backends/pilot/protocol/messages.js';
import { formatCount } from '../../format.js';
import { agentState, nodeText } from '../../progress/node-figures.js';

export interface ServerSnapshot {
  readonly url: string;
  readonly session: string;
  readonly counts: QueueCounts;
  readonly agents: readonly AgentRow[];
}

// Draws the view in `rows` lines at most: agents past the room left are counted, not listed.
export function ServerView({ server, rows }: { readonly server: ServerSnapshot; readonly rows: number }) {
  const { counts, agents } = server;
  const room = Math.max(1, rows - 3);
  const shown = agents.length > room ? agents.slice(0, room - 1) : agents;
  const idWidth = Math.max(5, ...shown.map((a) => a.id.length));
  const hostWidth = Math.max(4, ...shown.map((a) => a.host.length));
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>pipe server</Text> {server.url} <Text dimColor>session</Text> {server.session}
      </Text>
      <Text>
        {formatCount(counts.queued)} queued <Text dimColor>·</Text>{' '}
        <Text color="yellow">{formatCount(counts.running)} running</Text> <Text dimColor>·</Text>{' '}
        <Text color="green">{formatCount(counts.succeeded)} succeeded</Text>
        {counts.failed > 0 ? <Text color="red"> · {formatCount(counts.failed)} failed</Text> : null}
        {counts.cancelled > 0 ? <Text dimColor> · {formatCount(counts.cancelled)} cancelled</Text> : null}
      </Text>
      <Text dimColor>{agents.length === 0 ? 'no agent connected' : `${formatCount(agents.length)} agent(s)`}</Text>
      {shown.map((agent) => (
        <Text key={agent.id} wrap="truncate">
          <Text color={agent.connected ? (agent.running > 0 ? 'yellow' : undefined) : 'red'}>
            {agent.connected ? '●' : '○'}
          </Text>{' '}
          {agent.id.padEnd(idWidth)} <Text dimColor>{agent.host.padEnd(hostWidth)}</Text> {agentState(agent).padEnd(16)}{' '}
          {nodeText(agent.node)}
        </Text>
      ))}
      {shown.length < agents.length ? <Text dimColor>… {formatCount(agents.length - shown.length)} more</Text> : null}
    </Box>
  );
}
