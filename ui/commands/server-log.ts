// `pipe server`'s log lines: one stderr line per server event.
import type { ServerLogEvent } from '../../backends/pilot/server/index.js';
import { formatClock } from '../format.js';

// One stderr line for a server event.
export function formatServerEvent(event: ServerLogEvent, now = Date.now()): string {
  return `[${formatClock(now)}] ${event.level === 'warn' ? 'warn ' : ''}${event.event}: ${event.message}`;
}
