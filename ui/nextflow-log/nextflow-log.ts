// .nextflow.log: the log file Nextflow writes in the launch directory of a `.nf` run, which users and their tools
// read. Its lines are Nextflow's (`MMM-dd HH:mm:ss.SSS [thread] LEVEL logger - message`); the INFO lines name each
// task submitted, re-submitted or reused (`[ab/123456] Submitted process > NAME (tag)`), as Nextflow words them.
import { closeSync, existsSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface NextflowLog {
  // Appends one entry; a multi-line message keeps its lines.
  write(level: LogLevel, thread: string, logger: string, message: string, time?: number): void;
  close(): void;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// Logback's `%d{MMM-dd HH:mm:ss.SSS}` in local time.
export function logTime(time: number): string {
  const d = new Date(time);
  const two = (n: number): string => String(n).padStart(2, '0');
  return (
    `${MONTHS[d.getMonth()]}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}` +
    `.${String(d.getMilliseconds()).padStart(3, '0')}`
  );
}

// Logback's `%logger{36}`: a logger name past 36 characters has its leading packages cut to their first letter.
function shortLogger(name: string): string {
  if (name.length <= 36) return name;
  const parts = name.split('.');
  for (let i = 0; i < parts.length - 1 && parts.join('.').length > 36; i++) parts[i] = (parts[i] as string).charAt(0);
  return parts.join('.');
}

// One line as Nextflow's file appender writes it.
export function logLine(time: number, thread: string, level: LogLevel, logger: string, message: string): string {
  return `${logTime(time)} [${thread}] ${level.padEnd(5)} ${shortLogger(logger)} - ${message}\n`;
}

// Keeps the earlier logs as Nextflow does: .nextflow.log.1 is the previous run's, up to .nextflow.log.9.
function rotate(file: string): void {
  for (let i = 8; i >= 1; i--) if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
  if (existsSync(file)) renameSync(file, `${file}.1`);
}

// Starts a fresh .nextflow.log in `dir` (the previous one rotated away).
export function openNextflowLog(dir: string): NextflowLog {
  const file = join(dir, '.nextflow.log');
  rotate(file);
  let fd: number | undefined = openSync(file, 'w');
  return {
    write(level, thread, logger, message, time = Date.now()) {
      if (fd !== undefined) writeSync(fd, logLine(time, thread, level, logger, message));
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
