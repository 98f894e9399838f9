export { startAgent, DEFAULT_IDLE_TIMEOUT_MS } from './agent.js';
export type { AgentExit, AgentHandle, AgentLogEvent, AgentOptions } from './types.js';
export { parseSlurmEndTime } from './walltime.js';
