// The pilot agent: holds one connection to the server, pulls bundles of tasks, runs them through the local
// backend and reports their starts and results, until the server ends the run, the agent drains (SIGTERM),
// its allocation ends, it stays idle, or the server stays unreachable.
import { randomBytes } from 'node:crypto';
import { availableParallelism, hostname, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseServerUrl } from '../protocol/address.js';
import {
  PROTOCOL_VERSION,
  type AgentInfo,
  type AgentMessage,
  type Hello,
  type ServerMessage,
} from '../protocol/messages.js';
import { createBundleSizer, type PullRequest } from './bundle-size.js';
import { createLink } from './link.js';
import { createReports } from './reports.js';
import { createTaskRunner } from './task-runner.js';
import type { AgentExit, AgentHandle, AgentLogEvent, AgentOptions } from './types.js';
import { allocationEnd, drainDeadline } from './walltime.js';

export const DEFAULT_IDLE_TIMEOUT_MS = 300_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

type ExitReason = AgentExit['reason'];

// Starts an agent; it connects at once and runs until `done` resolves.
export function startAgent(options: AgentOptions): AgentHandle {
  const address = parseServerUrl(options.server);
  const startedAt = Date.now();
  const slots = Math.max(1, options.slots);
  const cpus = options.cpus ?? availableParallelism();
  const memoryBytes = options.memoryBytes ?? totalmem();
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const id = options.id ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  // Hands one event to the caller's logger.
  const log = (
    level: AgentLogEvent['level'],
    event: string,
    message: string,
    fields: Record<string, unknown> = {},
  ): void => options.log?.({ level, event, message, ...fields });
  const end = allocationEnd(options, startedAt);
  const drainAt = end === undefined ? undefined : drainDeadline(end.endsAt, startedAt, options.drainMarginMs);
  if (end !== undefined) {
    log(
      'info',
      'walltime',
      `allocation ends ${new Date(end.endsAt).toISOString()} (from ${end.source}); draining from ${new Date(drainAt!).toISOString()}`,
    );
  }
  const info: AgentInfo = { id, host: hostname(), pid: process.pid, slots, cpus, memoryBytes, endsAt: end?.endsAt };

  let resolveDone: (exit: AgentExit) => void = () => {};
  const done = new Promise<AgentExit>((r) => (resolveDone = r));
  let leaving: ExitReason | undefined; // set once the agent stops taking tasks, to the reason it will exit with
  let leaveMessage = '';
  let finished = false;
  let pulling = false;
  let asked: PullRequest | undefined; // the room the outstanding pull asked for
  let heartbeat: NodeJS.Timeout | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let walltimeTimer: NodeJS.Timeout | undefined;

  const reports = createReports();
  const sizer = createBundleSizer({ slots, cpus, memoryBytes });
  // Time left before the drain deadline, when there is one.
  const remainingMs = (): number | undefined => (drainAt === undefined ? undefined : drainAt - Date.now());
  const runner = createTaskRunner({
    launchDir: resolve(options.launchDir),
    slots,
    cpus,
    memoryBytes,
    remainingMs,
    onStarted: (start) => reports.started(start),
    onResult: (result, durationMs) => {
      if (durationMs !== undefined) sizer.observe(durationMs);
      reports.result(result);
      afterChange();
    },
  });

  // Ends the agent: stops timers and the connection, waits for the launchers, resolves `done`.
  const finish = (reason: ExitReason, message: string): void => {
    if (finished) return;
    finished = true;
    clearInterval(heartbeat);
    clearTimeout(idleTimer);
    clearTimeout(walltimeTimer);
    link.close();
    log(reason === 'refused' || reason === 'unreachable' ? 'warn' : 'info', 'exit', `exiting (${reason}): ${message}`, {
      reason,
    });
    void runner.close().finally(() => resolveDone({ reason, message, tasksRun: runner.tasksRun }));
  };

  // Asks for more tasks when there is room and no pull is outstanding, or when one is outstanding but asked with less
  // room than there is now (tasks ended since): the server replaces it, so a task that fits only the room freed since
  // is not held back until some other pull.
  const maybePull = (): void => {
    if (leaving !== undefined || !link.up) return;
    const request = sizer.request(runner.load());
    if (request === undefined) return;
    if (pulling && !roomGrew(asked, request)) return;
    asked = request;
    const remaining = remainingMs();
    pulling = true;
    link.send({
      t: 'pull',
      ...request,
      remainingMs: remaining === undefined ? undefined : Math.max(0, Math.floor(remaining)),
    });
  };

  // Leaves once nothing is held and every result is acked: with a bye when connected.
  const maybeLeave = (): void => {
    if (leaving === undefined || finished || runner.load().tasks > 0) return;
    if (leaving === 'ended') {
      reports.flush();
      finish('ended', leaveMessage);
      return;
    }
    if (reports.unacked > 0) return;
    if (link.up) link.send({ t: 'bye', reason: leaving });
    finish(leaving, leaveMessage);
  };

  // Starts the idle clock when nothing is held, stops it otherwise.
  const watchIdle = (): void => {
    const idle = runner.load().tasks === 0 && reports.unacked === 0 && leaving === undefined;
    if (!idle) {
      if (idleTimer !== undefined) clearTimeout(idleTimer);
      idleTimer = undefined;
    } else if (idleTimer === undefined && idleTimeoutMs > 0) {
      idleTimer = setTimeout(() => leave('idle', `held no task for ${idleTimeoutMs} ms`), idleTimeoutMs);
    }
  };

  // After tasks arrived or ended, or results were acked.
  function afterChange(): void {
    if (finished) return;
    maybePull();
    watchIdle();
    maybeLeave();
  }

  // Stops taking tasks: drain and idle let running tasks finish; walltime and end stop them.
  function leave(reason: ExitReason, message: string): void {
    if (finished || (leaving !== undefined && reason !== 'walltime' && reason !== 'ended')) return;
    leaving = reason;
    leaveMessage = message;
    if (reason === 'walltime') runner.stopAll('walltime');
    else if (reason === 'ended') runner.stopAll();
    else runner.stopTaking('drain');
    if (reason === 'drained' || reason === 'walltime') log('info', 'draining', `draining: ${message}`, { reason });
    afterChange();
  }

  // Handles a message of a welcomed connection.
  const onMessage = (message: ServerMessage): void => {
    switch (message.t) {
      case 'tasks':
        pulling = false;
        runner.add(message.tasks);
        afterChange();
        return;
      case 'ack':
        reports.ack(message.seq);
        afterChange();
        return;
      case 'cancel':
        runner.cancel(message.tasks);
        return;
      case 'end':
        leave('ended', `the server ended the run: ${message.reason}`);
        return;
      case 'error':
        log('warn', 'server-error', `the server reported an error: ${message.message}`);
        return;
      default:
        return; // welcome again, client answers: not for agents
    }
  };

  // The hello of each connection: who the agent is and what it still holds.
  const hello = (): Omit<Hello, 'nonce' | 'proof'> => ({
    t: 'hello',
    version: PROTOCOL_VERSION,
    role: 'agent',
    agent: info,
    holding: [...runner.holding(), ...reports.holding()],
  });

  let session: string | undefined; // the server session this agent serves, from its first welcome
  const link = createLink({
    address,
    ca: options.ca,
    reconnect: options.reconnect,
    hello,
    token: options.token,
    onWelcome: (welcome, send: (message: AgentMessage) => void) => {
      // A server that restarted without --resume is another session, whose queue is not the one this agent served:
      // a reconnection to it is refused (its tasks could be anyone's).
      if (session !== undefined && welcome.server !== session) {
        const why = `the server's session changed (${session} → ${welcome.server}): it restarted without --resume`;
        log('warn', 'refused', `refusing ${options.server}: ${why}`);
        finish('refused', why);
        return;
      }
      session = welcome.server;
      log('info', 'connected', `connected to ${options.server} as ${id} (${slots} slots, ${cpus} cpus)`, {
        server: welcome.server,
      });
      pulling = false;
      clearInterval(heartbeat);
      heartbeat = setInterval(() => link.send({ t: 'beat' }), Math.max(10, welcome.heartbeatMs));
      reports.connected(send);
      afterChange();
    },
    onMessage,
    onLost: (error) => {
      clearInterval(heartbeat);
      reports.connected(undefined);
      pulling = false;
      log(
        'warn',
        'disconnected',
        `lost the connection to ${options.server}${error === undefined ? '' : `: ${error.message}`}`,
      );
    },
    onRetry: (attempt, delayMs, error) => {
      log(
        'warn',
        'reconnecting',
        `reconnecting to ${options.server} in ${delayMs} ms (attempt ${attempt}${error === undefined ? '' : `; ${error.message}`})`,
      );
    },
    onRefused: (reason) => {
      log('warn', 'refused', `the server refused the agent: ${reason}`);
      finish('refused', reason);
    },
    onGiveUp: (error) => {
      finish('unreachable', `cannot reach ${options.server}${error === undefined ? '' : `: ${error.message}`}`);
    },
  });

  // Arms the drain deadline (in steps: timers cannot wait longer than about 24 days).
  const armWalltime = (): void => {
    if (drainAt === undefined || finished) return;
    const wait = drainAt - Date.now();
    if (wait <= 0) {
      leave('walltime', 'the allocation is about to end');
      return;
    }
    walltimeTimer = setTimeout(armWalltime, Math.min(wait, MAX_TIMER_MS));
  };
  armWalltime();
  watchIdle();

  return {
    done,
    drain() {
      leave('drained', 'asked to drain');
    },
  };
}

// Whether a pull request asks for more room than an earlier one (more tasks, cpus or memory).
function roomGrew(before: PullRequest | undefined, now: PullRequest): boolean {
  if (before === undefined) return true;
  return (
    now.max > before.max ||
    (now.freeCpus ?? 0) > (before.freeCpus ?? 0) ||
    (now.freeMemoryBytes ?? 0) > (before.freeMemoryBytes ?? 0)
  );
}
