// When an agent leaves. Draining (SIGTERM) and idling stop it taking tasks but let the running ones finish;
// the drain deadline (walltime) and the server's end stop them. Once nothing is held and every result is acked it
// goes with a bye; after the server's end it goes as soon as nothing runs (its results are sent, not awaited).
import type { AgentLog } from './agent-info.js';
import type { Reports } from './reports.js';
import type { TaskRunner } from './task-runner.js';
import type { AgentExit } from './types.js';

type ExitReason = AgentExit['reason'];

export interface Going {
  readonly reason: ExitReason;
  readonly message: string;
  readonly bye: boolean; // tell the server it goes (when connected)
}

export interface Departure {
  // The reason the agent will exit with, once it stops taking tasks.
  readonly reason: ExitReason | undefined;
  // Stops taking tasks for this reason; false when an earlier reason stands (only walltime and end override one).
  leave(reason: ExitReason, message: string): boolean;
  // Whether the agent may go now, and how (results gathered after the server's end are flushed).
  due(): Going | undefined;
}

export function createDeparture(
  runner: Pick<TaskRunner, 'stopAll' | 'stopTaking' | 'load'>,
  reports: Pick<Reports, 'flush' | 'unacked'>,
  log: AgentLog,
): Departure {
  let leaving: ExitReason | undefined;
  let leaveMessage = '';
  return {
    get reason() {
      return leaving;
    },
    leave(reason, message) {
      if (leaving !== undefined && reason !== 'walltime' && reason !== 'ended') return false;
      leaving = reason;
      leaveMessage = message;
      if (reason === 'walltime') runner.stopAll('walltime');
      else if (reason === 'ended') runner.stopAll();
      else runner.stopTaking('drain');
      if (reason === 'drained' || reason === 'walltime') log('info', 'draining', `draining: ${message}`, { reason });
      return true;
    },
    due() {
      if (leaving === undefined || runner.load().tasks > 0) return undefined;
      if (leaving === 'ended') {
        reports.flush();
        return { reason: leaving, message: leaveMessage, bye: false };
      }
      if (reports.unacked > 0) return undefined;
      return { reason: leaving, message: leaveMessage, bye: true };
    },
  };
}
