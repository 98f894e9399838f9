// One launcher process (the compiled one, or bash): sends it task lines, parses its status lines, reports its exit.
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { compiledLauncher } from './compiled-launcher.js';
import { LAUNCHER_SCRIPT } from './launcher-script.js';
import { parseStatusLine, type LauncherEvent } from './protocol.js';

// Where light tasks' output goes: pipe's own stream, nowhere, or an open file descriptor.
export type TaskOutput = 'inherit' | 'ignore' | number;

export interface LauncherOptions {
  readonly cwd: string;
  readonly slotFile: string; // scratch file for each task's stderr
  readonly skipPrefix: string; // a file at skipPrefix + id withdraws that queued task
  readonly stdout: TaskOutput; // where light tasks' stdout goes
  readonly stderr: TaskOutput; // where light tasks' stderr is copied
  readonly measure?: boolean | undefined; // report each task's CPU time and I/O (R and I lines)
  readonly onEvent: (event: LauncherEvent) => void;
  readonly onExit: (reason: string) => void; // called once, however the process ended
  // The running task dies with this process (its process group is ended when the lifeline pipe reads EOF; see
  // launcher-script.ts); otherwise it runs to its end, as `pipe run` wants it for --resume.
  readonly dieWithPipe?: boolean | undefined;
}

export interface Launcher {
  readonly pid: number | undefined;
  send(line: string): void;
  // Keeps the Node process alive while the launcher runs a task, and lets it exit while idle.
  setBusy(busy: boolean): void;
  // Closes the launcher's stdin: it exits after its current task.
  end(): void;
  readonly exited: Promise<void>;
}

// Starts a launcher in its own session (terminal signals do not reach it; the engine forwards them).
export function startLauncher(opts: LauncherOptions): Launcher {
  const copyStderr = opts.stderr === 'ignore' ? '0' : '1';
  const measure = opts.measure === true ? '1' : '0';
  const lifeline = opts.dieWithPipe === true;
  const params = [opts.slotFile, copyStderr, opts.skipPrefix, measure, lifeline ? '1' : '0'];
  // The compiled launcher runs light tasks itself and hands work-dir tasks over to the bash launcher.
  const compiled = compiledLauncher();
  const [file, args] =
    compiled === undefined
      ? ['bash', ['-c', LAUNCHER_SCRIPT, 'pipe-launcher', ...params]]
      : [compiled, [...params, LAUNCHER_SCRIPT]];
  const child = spawn(file, args, {
    cwd: opts.cwd,
    detached: true,
    stdio: lifeline
      ? ['pipe', opts.stdout, opts.stderr, 'pipe', 'ignore', 'pipe']
      : ['pipe', opts.stdout, opts.stderr, 'pipe'],
  });
  // Never written to: its end closes when this process dies, and the launcher's watcher reads EOF.
  const lifelineEnd = lifeline ? (child.stdio as unknown as Socket[])[5] : undefined;
  lifelineEnd?.on('error', () => {});
  lifelineEnd?.unref();
  const stdin = child.stdin!;
  const status = child.stdio[3] as Socket;
  let exited = false;
  let resolveExited: () => void = () => {};
  const exitedPromise = new Promise<void>((resolve) => (resolveExited = resolve));

  // Reports the launcher's end once, whichever event tells first.
  const finish = (reason: string): void => {
    if (exited) return;
    exited = true;
    status.unref();
    opts.onExit(reason);
    resolveExited();
  };

  let partial = '';
  status.setEncoding('utf8');
  status.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      const event = parseStatusLine(line);
      if (event !== undefined) opts.onEvent(event);
    }
  });
  status.on('error', () => {});
  stdin.on('error', () => {}); // EPIPE after the launcher died; 'exit' reports it
  child.on('error', (error) => finish(`launcher failed: ${error.message}`));
  // 'close' comes after the last status line was read, so no completion is lost to a race.
  child.on('close', (code, signal) => finish(`launcher exited (${signal ?? `status ${code}`})`));
  child.unref();
  (stdin as Socket).unref();
  status.unref();

  return {
    pid: child.pid,
    send(line) {
      if (!exited) stdin.write(line);
    },
    setBusy(busy) {
      if (busy) {
        child.ref();
        status.ref();
      } else {
        child.unref();
        status.unref();
      }
    },
    end() {
      if (!stdin.writableEnded) stdin.end();
    },
    exited: exitedPromise,
  };
}
