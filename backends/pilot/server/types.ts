// The pilot server's programmatic face: what `pipe server` runs standalone and the pilot backend embeds.
import type {
  AgentRow,
  NewTask,
  NodeFigures,
  QueueCounts,
  TaskQuery,
  TaskResult,
  TaskRow,
} from '../protocol/messages.js';

export interface TlsFiles {
  readonly cert: string | Buffer; // PEM
  readonly key: string | Buffer; // PEM
}

export interface PilotServerOptions {
  readonly launchDir: string; // .pipe/pilot/ under it holds the default SQLite queue
  // Where the queue lives: a SQLite file path, ':memory:', or a postgres:// URL. Default .pipe/pilot/queue.db.
  readonly db?: string | undefined;
  readonly host?: string | undefined; // default 127.0.0.1
  readonly port?: number | undefined; // default 7878; 0 picks a free port (see PilotServer.url)
  readonly token: string;
  readonly tls?: TlsFiles | undefined;
  // Continue the queue of the last session: queued tasks stay queued, dispatched ones stay with their agents
  // for heartbeatTimeoutMs so that reconnecting agents can report them. Without it a new, empty session starts.
  readonly resume?: boolean | undefined;
  readonly heartbeatMs?: number | undefined; // agents beat this often (default 5,000)
  readonly heartbeatTimeoutMs?: number | undefined; // an agent silent this long is lost (default 4 × heartbeatMs)
  readonly log?: ((event: ServerLogEvent) => void) | undefined;
}

// What the server logs: connections, refusals, lost agents, ignored late completions.
export interface ServerLogEvent {
  readonly level: 'info' | 'warn';
  readonly event: string; // e.g. "agent-refused", "agent-lost", "late-completion"
  readonly message: string; // one readable line
  readonly [field: string]: unknown;
}

// A dispatched task's start, or its final end (requeues inside the server are not reported).
export type ServerTaskEvent =
  | {
      readonly type: 'started';
      readonly id: string;
      readonly agent: string;
      readonly at: number;
      readonly pid?: number | undefined;
    }
  | {
      readonly type: 'completed';
      readonly id: string;
      readonly agent?: string | undefined;
      readonly result: TaskResult;
    };

// A connected (or briefly disconnected) agent, for launchers and autoscaling.
export type AgentSummary = AgentRow;

// The node figures the server kept of one agent: its latest beats, thinned to at most NODE_HISTORY_LIMIT.
export interface NodeHistory {
  readonly agent: string;
  readonly host: string;
  readonly samples: readonly NodeFigures[];
}

export interface PilotServer {
  readonly url: string; // tcp://host:port or tls://host:port, with the port actually bound
  readonly session: string;
  enqueue(tasks: readonly NewTask[]): Promise<string[]>; // the new tasks' ids, in order
  // Cancels tasks: queued ones end at once as cancelled, dispatched ones are cancelled on their agent.
  cancel(ids: readonly string[]): Promise<void>;
  subscribe(listener: (event: ServerTaskEvent) => void): void;
  counts(): Promise<QueueCounts>;
  list(query: TaskQuery): Promise<TaskRow[]>;
  agents(): readonly AgentSummary[];
  // Each agent's node figures over the session (agents that monitor), for the run report.
  nodeHistory(): readonly NodeHistory[];
  // Tells every agent the run is over (they exit) and refuses further pulls.
  end(reason: string): void;
  close(): Promise<void>;
}
