// The pilot server: what `pipe server` runs and the pilot backend embeds.
export { createPilotServer } from './pilot-server.js';
export { openQueueStore, DEFAULT_QUEUE_FILE, isPostgresUrl } from './open-queue-store.js';
export type { QueueStore, StoredTask, QueueChange } from './queue-store.js';
export type {
  AgentSummary,
  NodeHistory,
  PilotServer,
  PilotServerOptions,
  ServerLogEvent,
  ServerTaskEvent,
  TlsFiles,
} from './types.js';
