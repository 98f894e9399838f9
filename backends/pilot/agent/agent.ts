// The pilot agent: holds one connection to the server, pulls bundles of tasks, runs them through the local
// backend and reports their starts and results, until the server ends the run, the agent drains (SIGTERM),
// its allocation ends, it stays idle, or the server stays unreachable. This file is its life cycle: when it takes
// tasks, when it leaves and how it ends; who it is (agent-info.ts), its idle clock and drain deadline
// (agent-clocks.ts), the rules of its departure (departure.ts), its connection (agent-connection.ts), its pulls
// (puller.ts), the tasks it runs (task-runner.ts) and the results it reports (reports.ts) live beside it.
import { resolve } from 'node:path';
import { parseServerUrl } from '../protocol/address.js';
import { createAgentClocks } from './agent-clocks.js';
import { agentLog, describeAgent } from './agent-info.js';
import { connectAgent } from './agent-connection.js';
import { createBundleSizer } from './bundle-size.js';
import { createDeparture } from './departure.js';
import { createPuller } from './puller.js';
import { watchNode } from './node-watch.js';
import { createReports } from './reports.js';
import { createTaskRunner } from './task-runner.js';
import type { AgentExit, AgentHandle, AgentOptions } from './types.js';

export { DEFAULT_IDLE_TIMEOUT_MS } from './agent-info.js';

type ExitReason = AgentExit['reason'];

// Starts an agent; it connects at once and runs until `done` resolves.
export function startAgent(options: AgentOptions): AgentHandle {
  const address = parseServerUrl(options.server);
  const log = agentLog(options);
  const { info, idleTimeoutMs, drainAt, remainingMs } = describeAgent(options, Date.now(), log);

  let resolveDone: (exit: AgentExit) => void = () => {};
  const done = new Promise<AgentExit>((r) => (resolveDone = r));
  let finished = false;

  const clocks = createAgentClocks({
    idleTimeoutMs,
    drainAt,
    onIdle: () => leave('idle', `held no task for ${idleTimeoutMs} ms`),
    onDrainDeadline: () => leave('walltime', 'the allocation is about to end'),
  });
  const reports = createReports();
  const node = watchNode(options.monitorIntervalMs);
  const sizer = createBundleSizer(info);
  const runner = createTaskRunner({
    ...info, // slots, cpus and memory
    launchDir: resolve(options.launchDir),
    monitor: node,
    remainingMs,
    onStarted: (start) => reports.started(start),
    onResult: (result, durationMs) => {
      if (durationMs !== undefined) sizer.observe(durationMs);
      reports.result(result);
      afterChange();
    },
  });
  const departure = createDeparture(runner, reports, log);

  // Ends the agent: stops timers and the connection, waits for the launchers, resolves `done`.
  const finish = (reason: ExitReason, message: string): void => {
    if (finished) return;
    finished = true;
    clocks.stop();
    connection.close();
    log(reason === 'refused' || reason === 'unreachable' ? 'warn' : 'info', 'exit', `exiting (${reason}): ${message}`, {
      reason,
    });
    node?.close(); // the tasks still ending are measured from what the sampler saw so far
    void runner.close().finally(() => resolveDone({ reason, message, tasksRun: runner.tasksRun }));
  };

  // Goes when its departure is due: with a bye when connected.
  const maybeLeave = (): void => {
    const going = finished ? undefined : departure.due();
    if (going === undefined) return;
    if (going.bye && connection.up) connection.send({ t: 'bye', reason: going.reason });
    finish(going.reason, going.message);
  };

  // Runs the idle clock when nothing is held, stops it otherwise.
  const watchIdle = (): void =>
    clocks.idle(runner.load().tasks === 0 && reports.unacked === 0 && departure.reason === undefined);

  // After tasks arrived or ended, or results were acked.
  function afterChange(): void {
    if (finished) return;
    puller.pull();
    watchIdle();
    maybeLeave();
  }

  // Stops taking tasks (departure.ts says which reasons stop the running ones).
  function leave(reason: ExitReason, message: string): void {
    if (!finished && departure.leave(reason, message)) afterChange();
  }

  const connection = connectAgent({
    address,
    options,
    info,
    holding: () => [...runner.holding(), ...reports.holding()],
    node: node?.figures,
    log,
    onWelcomed: (send) => {
      puller.answered();
      reports.connected(send);
      afterChange();
    },
    // A message of a welcomed connection (welcome again and client answers are not for agents).
    onMessage: (message) => {
      if (message.t === 'tasks') {
        puller.answered();
        runner.add(message.tasks);
        afterChange();
      } else if (message.t === 'ack') {
        reports.ack(message.seq);
        afterChange();
      } else if (message.t === 'cancel') runner.cancel(message.tasks);
      else if (message.t === 'end') leave('ended', `the server ended the run: ${message.reason}`);
      else if (message.t === 'error') log('warn', 'server-error', `the server reported an error: ${message.message}`);
    },
    onLost: () => {
      reports.connected(undefined);
      puller.answered();
    },
    onEnd: finish,
  });
  const puller = createPuller({
    sizer,
    load: () => runner.load(),
    remainingMs,
    canPull: () => departure.reason === undefined && connection.up,
    send: (message) => connection.send(message),
  });

  // Arms the drain deadline last: when it is already past, the agent leaves at once.
  clocks.start();
  watchIdle();

  return {
    done,
    drain() {
      leave('drained', 'asked to drain');
    },
  };
}
