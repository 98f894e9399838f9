// Starts a pilot server for a test on port 0, capturing its log and task events.
import { createPilotServer } from '../../../../backends/pilot/server/index.js';
import type {
  PilotServer,
  PilotServerOptions,
  ServerLogEvent,
  ServerTaskEvent,
} from '../../../../backends/pilot/server/index.js';
import { scratchDir, waitFor } from '../../../helpers/cli.js';
import { testToken } from '../../../helpers/token.js';

export const TOKEN = testToken('server');

export interface TestServer {
  readonly server: PilotServer;
  readonly logs: ServerLogEvent[];
  readonly events: ServerTaskEvent[];
  // Resolves once an event named `event` was logged `count` times.
  logged(event: string, count?: number): Promise<ServerLogEvent[]>;
}

// Starts a server on a free port over the queue `db`.
export async function startServer(db: string, options: Partial<PilotServerOptions> = {}): Promise<TestServer> {
  const logs: ServerLogEvent[] = [];
  const events: ServerTaskEvent[] = [];
  const server = await createPilotServer({
    launchDir: scratchDir(),
    db,
    port: 0,
    token: TOKEN,
    heartbeatMs: 50,
    heartbeatTimeoutMs: 1000,
    log: (event) => logs.push(event),
    ...options,
  });
  server.subscribe((event) => events.push(event));
  return {
    server,
    logs,
    events,
    async logged(event, count = 1) {
      await waitFor(() => logs.filter((l) => l.event === event).length >= count);
      return logs.filter((l) => l.event === event);
    },
  };
}

// A light task running `command`.
export const shell = (command: string, extra: Record<string, unknown> = {}) => ({ command, light: true, ...extra });
