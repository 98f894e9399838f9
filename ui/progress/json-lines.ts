// `--log-format json`: every event as one JSON line.
import type { EventBus } from '../../engine/events.js';

// Subscribes a JSON-lines writer to the bus; returns a function that detaches it.
export function attachJsonLines(bus: EventBus, write: (line: string) => void): () => void {
  return bus.subscribe((event) => write(JSON.stringify(event)));
}
