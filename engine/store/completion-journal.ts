// The completion journal: task successes appended to a plain file as they are recorded, so that those still waiting
// for the next group commit survive a kill -9 of pipe and are written to the store on the next run.
import { closeSync, ftruncateSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { StoreError } from '../errors.js';
import { resourcesFromValues, resourceValues } from '../resources.js';
import type { TaskRecord } from './store.js';

export interface CompletionJournal {
  // Queues a record; it reaches the file at the end of this event-loop turn (or sooner, when much is queued).
  append(task: TaskRecord): void;
  // Empties the file: every record in it has been committed to the store.
  committed(): void;
  close(): void;
}

// Queued text that is written at once instead of waiting for the end of the turn.
const WRITE_AT_BYTES = 64 * 1024;

// A record as one line of JSON; its figures, when the run measured it, as an array in RESOURCE_FIELDS order (a
// third of the text they would take by name).
function journalLine(task: TaskRecord): string {
  const r = task.resources;
  if (r === undefined) return `${JSON.stringify(task)}\n`;
  return `${JSON.stringify({ ...task, resources: resourceValues(r) })}\n`;
}

// A record read back from its line.
function fromLine(line: string): TaskRecord {
  const record = JSON.parse(line) as Omit<TaskRecord, 'resources'> & { resources?: unknown };
  const { resources } = record;
  return Array.isArray(resources) ? { ...record, resources: resourcesFromValues(resources) } : (record as TaskRecord);
}

// Reads the records a killed process left in the journal at `path` (a torn last line is skipped).
export function readJournal(path: string): TaskRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new StoreError(`Cannot read the completion journal ${path}: ${(error as Error).message}`, { cause: error });
  }
  const records: TaskRecord[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      records.push(fromLine(line));
    } catch {
      // the line being written when the process was killed
    }
  }
  return records;
}

// Removes a journal whose records are in the store.
export function removeJournal(path: string): void {
  rmSync(path, { force: true });
}

// Opens the journal at `path` for appending; the file is created with the first record.
export function openJournal(path: string): CompletionJournal {
  let fd: number | undefined;
  let pending = '';
  let scheduled = false;

  // Writes the queued text; a full disk or any other failure is a StoreError naming the file.
  const write = (): void => {
    scheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    try {
      fd ??= openSync(path, 'a', 0o644);
      writeSync(fd, text);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new StoreError(`Cannot write the completion journal ${path} (${code})`, {
        cause: error,
        hint: code === 'ENOSPC' ? `free space on the file system of ${path}, then run again with --resume` : undefined,
      });
    }
  };
  const onTurnEnd = (): void => {
    try {
      write();
    } catch {
      // surfaced by the group commit, which writes the same records to the store on the same file system
    }
  };

  return {
    append(task) {
      pending += journalLine(task);
      if (pending.length >= WRITE_AT_BYTES) write();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(onTurnEnd);
      }
    },
    committed() {
      pending = '';
      if (fd !== undefined) ftruncateSync(fd, 0);
    },
    // Closes and removes the file, if this process wrote one (a reader of the store never touches it).
    close() {
      pending = '';
      if (fd === undefined) return;
      closeSync(fd);
      fd = undefined;
      removeJournal(path);
    },
  };
}
