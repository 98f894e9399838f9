// The agent's pulls: it asks the server for a bundle of tasks when there is room and no pull is outstanding, or
// when one is outstanding but asked with less room than there is now (tasks ended since): the server replaces it,
// so a task that fits only the room freed since is not held back until some other pull.
import type { AgentMessage } from '../protocol/messages.js';
import type { BundleSizer, HeldLoad, PullRequest } from './bundle-size.js';

export interface PullerOptions {
  readonly sizer: BundleSizer;
  readonly load: () => HeldLoad; // what the agent holds now
  readonly remainingMs: () => number | undefined; // time left before the drain deadline, when there is one
  readonly canPull: () => boolean; // connected and still taking tasks
  readonly send: (message: AgentMessage) => void;
}

export interface Puller {
  // Asks for more tasks if there is room for them.
  pull(): void;
  // The outstanding pull was answered, or the connection it went on is gone: none is outstanding.
  answered(): void;
}

export function createPuller(opts: PullerOptions): Puller {
  let pulling = false;
  let asked: PullRequest | undefined; // the room the outstanding pull asked for
  return {
    pull() {
      if (!opts.canPull()) return;
      const request = opts.sizer.request(opts.load());
      if (request === undefined) return;
      if (pulling && !roomGrew(asked, request)) return;
      asked = request;
      const remaining = opts.remainingMs();
      pulling = true;
      opts.send({
        t: 'pull',
        ...request,
        remainingMs: remaining === undefined ? undefined : Math.max(0, Math.floor(remaining)),
      });
    },
    answered() {
      pulling = false;
    },
  };
}

// Whether a pull request asks for more room than an earlier one (more tasks, cpus or memory).
export function roomGrew(before: PullRequest | undefined, now: PullRequest): boolean {
  if (before === undefined) return true;
  return (
    now.max > before.max ||
    (now.freeCpus ?? 0) > (before.freeCpus ?? 0) ||
    (now.freeMemoryBytes ?? 0) > (before.freeMemoryBytes ?? 0)
  );
}
