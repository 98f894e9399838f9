// A CWL document and its job into a runnable workflow graph: load and check the document, read and check the
// job, then hand both to the runtime with an expression evaluator and the CommandLineTool layer.
import { resolve } from 'node:path';
import type { WorkflowGraph } from '../../engine/graph.js';
import type { ParseOptions } from '../options.js';
import { createExpressionEvaluator } from './expressions/index.js';
import { isRemoteUri } from '../../engine/staging/uri.js';
import { stagingArea } from '../common/staging.js';
import { loadJob } from './job/load-job.js';
import { localOutdir, publishToRemoteOutdir } from './job/remote-files.js';
import { loadCwlProcess } from './load/index.js';
import { createCwlGraph } from './runtime/cwl-graph.js';
import { createToolTask } from './tool/index.js';
import type { CwlParameter } from './model.js';

// Parses `target` (an absolute path, optionally with `#id`) with the job from `opts.args`.
export async function parseCwl(target: string, opts: ParseOptions): Promise<WorkflowGraph> {
  const launchDir = opts.launchDir ?? process.cwd();
  const cwlProcess = await loadCwlProcess(target, launchDir);
  // Checking the document alone (`pipe check wf.cwl`, `--validate`) needs no job: inputs are their defaults.
  const job =
    opts.validateOnly === true && (opts.args ?? []).length === 0
      ? Object.fromEntries(cwlProcess.inputs.map((input) => [input.id, input.default ?? null]))
      : await loadJob(opts.args ?? [], launchDir, cwlProcess, () => stagingArea(opts));
  const evaluator = createExpressionEvaluator();
  const remoteOutdir = opts.outdir !== undefined && isRemoteUri(opts.outdir) ? opts.outdir : undefined;
  const outdir = remoteOutdir === undefined ? resolve(launchDir, opts.outdir ?? launchDir) : localOutdir(launchDir);
  const graph = await createCwlGraph(cwlProcess, job, {
    evaluator,
    createToolTask: (tool, toolJob, ctx) =>
      createToolTask(tool, toolJob, {
        ...ctx,
        baseDir: launchDir,
        ...(opts.noContainer === true ? { withoutContainer: 'native' as const } : {}),
        ...(opts.tmpdirPrefix === undefined ? {} : { tmpdirPrefix: opts.tmpdirPrefix }),
      }),
    outdir,
  });
  return remoteOutdir === undefined ? graph : publishToRemoteOutdir(graph, outdir, remoteOutdir, stagingArea(opts));
}

// The inputs of the process in `target`, for a job template or a usage text.
export async function cwlInputs(target: string, launchDir: string): Promise<readonly CwlParameter[]> {
  return (await loadCwlProcess(target, launchDir)).inputs;
}
