// The `pilot` backend's configuration schema (loaded by the registry only when options are given).
import { z } from 'zod';

const taskOutput = z.union([z.enum(['inherit', 'ignore']), z.number().int().nonnegative()]);
const duration = z.union([z.string().min(1), z.number().nonnegative()]);

export const pilotConfigSchema = z.strictObject({
  // Who runs the tasks: local:N, slurm:N, pbs:N, a range such as slurm:1-8 to scale with the queue, or none
  // (agents are started by hand with `pipe agent`).
  agents: z.string().min(1).optional(),
  agentJobs: z.number().int().positive().optional(), // -j of each agent (default: local 1, cluster: agentCpus)
  agentCpus: z.number().int().positive().optional(), // cpus each cluster agent job asks for
  agentMemory: z.union([z.string().min(1), z.number().int().positive()]).optional(),
  walltime: duration.optional(), // each cluster agent job's time limit; agents drain before it ends
  idleTimeout: duration.optional(), // agents exit after this long without a task (default 60 s)
  stagger: duration.optional(), // pause between agent launches (default 1 s for clusters, 0 locally)
  host: z.string().min(1).optional(), // address the embedded server listens on (default 127.0.0.1)
  port: z.number().int().min(0).max(65_535).optional(), // default 0: any free port
  advertise: z.string().min(1).optional(), // host name agents connect to, when not the listening address
  db: z.string().min(1).optional(), // the embedded server's queue (default in memory: the run's store records)
  heartbeat: duration.optional(), // agents beat this often (default 5 s)
  heartbeatTimeout: duration.optional(), // silent agents are lost after this (default 4 beats)
  // Cluster agent jobs: where they go.
  queue: z.string().min(1).optional(),
  account: z.string().min(1).optional(),
  clusterOptions: z.array(z.string().min(1)).optional(),
  stdout: taskOutput.optional(),
  stderr: taskOutput.optional(),
});
export type PilotConfig = z.output<typeof pilotConfigSchema>;
