// The pilot agent's programmatic face: what `pipe agent` runs and the local launcher starts as a process.

export interface AgentOptions {
  readonly server: string; // tcp://host:port or tls://host:port
  readonly token: string;
  readonly ca?: string | Buffer | undefined; // PEM to trust for tls://
  readonly slots: number; // -j: tasks run at once at most
  readonly cpus?: number | undefined; // cpus tasks may use together (default: this machine's)
  readonly memoryBytes?: number | undefined; // memory tasks may use together (default: this machine's)
  readonly launchDir: string; // light tasks run here
  readonly id?: string | undefined; // default: host-pid-random
  // When the agent's allocation ends (epoch ms), or its walltime from now: it takes no task that cannot finish
  // before then and drains drainMarginMs before the end. Inside Slurm it is read from the job when not given.
  readonly endsAt?: number | undefined;
  readonly walltimeMs?: number | undefined;
  readonly drainMarginMs?: number | undefined; // default 60 s, at most a tenth of the walltime
  readonly idleTimeoutMs?: number | undefined;
  readonly monitorIntervalMs?: number | undefined; // measure each task, sampling at this interval (docs/monitoring.md) // exit after holding no task this long (default 5 min; 0 = never)
  readonly reconnect?: { readonly initialMs?: number; readonly maxMs?: number; readonly giveUpMs?: number } | undefined;
  readonly log?: ((event: AgentLogEvent) => void) | undefined;
}

export interface AgentLogEvent {
  readonly level: 'info' | 'warn';
  readonly event: string;
  readonly message: string;
  readonly [field: string]: unknown;
}

export interface AgentExit {
  readonly reason: 'ended' | 'idle' | 'walltime' | 'drained' | 'refused' | 'unreachable';
  readonly message: string;
  readonly tasksRun: number;
}

export interface AgentHandle {
  readonly done: Promise<AgentExit>;
  // SIGTERM: take no more tasks, finish the running ones (or hand them back at the drain deadline), then exit.
  drain(): void;
}
