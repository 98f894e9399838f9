// `--log-file FILE`: every event of the run as one JSON line in FILE, written through pino (asynchronous, buffered
// writes that keep up with a million-task run), whatever the terminal shows. Each line is pino's record: a level
// (warn for run.warning, error for a failed task, info otherwise), `msg` the event type, and the event's fields.
import type { EventBus, PipeEvent } from '../../engine/events.js';

// pino's level for an event.
function levelOf(event: PipeEvent): 'info' | 'warn' | 'error' {
  if (event.type === 'run.warning') return 'warn';
  if (event.type === 'task.state' && event.to === 'failed') return 'error';
  return 'info';
}

// Opens FILE (appending, creating its directory) and subscribes a pino logger to the bus; the returned function
// detaches it and writes out what is buffered.
export async function attachLogFile(bus: EventBus, file: string): Promise<() => void> {
  const { pino } = await import('pino');
  const destination = pino.destination({ dest: file, mkdir: true, sync: false });
  // The event carries its own `time` (epoch ms): pino adds none, and no pid/hostname either.
  const logger = pino({ base: undefined, timestamp: false }, destination);
  const detach = bus.subscribe((event) => logger[levelOf(event)](event, event.type));
  return () => {
    detach();
    destination.flushSync();
    destination.end();
  };
}
