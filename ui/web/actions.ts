// What `pipe serve` does beyond reading the store: a run's live status, `why`, its DAG, cancelling a run,
// running it again with --resume, and submitting tasks to a pilot server exactly once per submission id.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { processAlive } from '../../engine/process-alive.js';
import type { RunRecord } from '../../engine/store/store.js';
import { renderDag } from '../dag/render-dag.js';
import { explainTask } from '../commands/why.js';
import { HttpError } from './routes.js';
import type { Submissions } from './submissions.js';
import type { Views } from './views.js';

export interface SubmitBody {
  readonly submissionId: string;
  readonly tasks: readonly {
    command: string;
    name?: string;
    cpus?: number;
    tags?: Record<string, string>;
  }[];
}

export interface Actions {
  liveStatus(run: RunRecord): string;
  why(run: RunRecord, taskId: string): string[];
  dag(run: RunRecord): Promise<unknown>;
  cancel(run: RunRecord): { signalled: number };
  retry(run: RunRecord): { pid: number; log: string; argv: string[] };
  submit(body: SubmitBody): Promise<{ submissionId: string; taskIds: string[]; replayed: boolean }>;
  pilotTasks(query: PilotQuery): Promise<unknown>;
}

export interface ActionOptions {
  readonly views: Views;
  readonly stateDir: string;
  readonly pipeExecutable: string; // the `pipe` a retry runs
  readonly submissions?: Submissions | undefined; // with --server
  readonly submitToPilot?: ((tasks: SubmitBody['tasks']) => Promise<string[]>) | undefined;
  readonly queryPilot?: ((query: PilotQuery) => Promise<unknown>) | undefined;
}

export interface PilotQuery {
  readonly state?: string | undefined;
  readonly tags?: Readonly<Record<string, string>> | undefined;
  readonly limit: number;
}

// Whether a live process is a pipe (its command line names pipe), so a reused pid is never signalled.
function isPipeProcess(pid: number): boolean {
  try {
    return /pipe/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return false;
  }
}

// The command line of a run again, resuming it: earlier --resume options dropped, `-resume ID` for .nf runs.
export function retryArgv(run: RunRecord, knownRuns: ReadonlySet<string>): string[] {
  const argv = JSON.parse(run.argv) as string[];
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--resume' || arg === '-resume') {
      if (knownRuns.has(argv[i + 1] ?? '')) i++;
      continue;
    }
    if (arg.startsWith('--resume=')) continue;
    kept.push(arg);
  }
  const nextflow = run.workflow.endsWith('.nf');
  return [...kept, nextflow ? '-resume' : '--resume', run.id];
}

export function createActions(options: ActionOptions): Actions {
  const { views } = options;
  return {
    liveStatus(run) {
      if (run.status !== 'running' || run.host !== hostname()) return run.status;
      return processAlive(run.pid) ? 'running' : 'interrupted';
    },
    why: (run, taskId) => explainTask(views.store, run, taskId),
    async dag(run) {
      try {
        const { parse } = await import('../../parsers/index.js');
        const workflow = await parse(run.workflow, { launchDir: run.launchDir });
        return { ...(JSON.parse(renderDag(workflow.graph, 'json', basename(run.workflow))) as object), complete: true };
      } catch (error) {
        // The file changed or needs its job inputs: the steps the store recorded, without edges.
        const nodes = views.steps(run.id).map((s) => ({ id: s.stepId, name: s.name, tasks: s.total }));
        const reason = error instanceof Error ? error.message : String(error);
        return { nodes, edges: [], complete: false, reason };
      }
    },
    cancel(run) {
      if (run.status !== 'running') throw new HttpError(409, `run ${run.id} is not running (${run.status})`);
      if (run.host !== hostname()) throw new HttpError(409, `run ${run.id} runs on ${run.host}, not on this host`);
      if (!processAlive(run.pid) || !isPipeProcess(run.pid))
        throw new HttpError(409, `run ${run.id} is no longer running (its process ${run.pid} is gone)`);
      process.kill(run.pid, 'SIGINT');
      return { signalled: run.pid };
    },
    retry(run) {
      const live = this.liveStatus(run);
      if (live === 'running') throw new HttpError(409, `run ${run.id} is still running`);
      const argv = retryArgv(run, new Set(views.runs().map((r) => r.id)));
      const dir = join(options.stateDir, 'serve');
      mkdirSync(dir, { recursive: true });
      const log = join(dir, `retry-${run.id}-${Date.now()}.log`);
      const fd = openSync(log, 'a');
      const child = spawn(options.pipeExecutable, argv, {
        cwd: run.launchDir,
        detached: true,
        stdio: ['ignore', fd, fd],
      });
      child.unref();
      return { pid: child.pid ?? -1, log, argv };
    },
    async pilotTasks(query) {
      if (options.queryPilot === undefined)
        throw new HttpError(409, 'this `pipe serve` has no pilot server: start it with --server URL');
      return options.queryPilot(query);
    },
    async submit(body) {
      const { submissions, submitToPilot } = options;
      if (submissions === undefined || submitToPilot === undefined)
        throw new HttpError(409, 'this `pipe serve` has no pilot server: start it with --server URL');
      const earlier = submissions.get(body.submissionId);
      if (earlier !== undefined) return { submissionId: body.submissionId, taskIds: earlier, replayed: true };
      const taskIds = await submissions.once(body.submissionId, () => submitToPilot(body.tasks));
      return { submissionId: body.submissionId, taskIds, replayed: false };
    },
  };
}
