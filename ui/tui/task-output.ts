// Where light tasks' stdout and stderr go while the live view owns the terminal: a file in the state dir, so
// their output neither garbles the view nor gets lost.
import { closeSync, fstatSync, openSync } from 'node:fs';
import { join } from 'node:path';

export interface TaskOutputFile {
  readonly path: string;
  readonly fd: number;
  // Whether any task wrote to it.
  written(): boolean;
  close(): void;
}

// Opens (truncating) <stateDir>/task-output.log.
export function openTaskOutput(stateDir: string): TaskOutputFile {
  const path = join(stateDir, 'task-output.log');
  const fd = openSync(path, 'w');
  let closed = false;
  return {
    path,
    fd,
    written: () => !closed && fstatSync(fd).size > 0,
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}
