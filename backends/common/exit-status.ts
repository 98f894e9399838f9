// Turns a shell exit status into the exit code and signal name a JobStatus carries.
import { constants } from 'node:os';

const SIGNAL_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(constants.signals).map(([name, number]) => [number, name]),
);

// Names the signal behind a status above 128 (bash reports a task killed by signal N as 128 + N).
export function signalOfStatus(status: number): string | undefined {
  return status > 128 ? SIGNAL_NAMES.get(status - 128) : undefined;
}
