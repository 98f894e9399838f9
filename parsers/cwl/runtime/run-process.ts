// Runs one CWL process on an input object: a CommandLineTool as an engine task, an ExpressionTool in the
// expression sandbox, a Workflow step by step. Resolves with the process's output object.
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { UnsupportedError } from '../../../engine/errors.js';
import { TaskState } from '../../../engine/task.js';
import type { SecondaryFilesContext } from '../files/index.js';
import {
  completeFileOrDirectory,
  isDirectory,
  isFile,
  mapFileObjects,
  misplacedOutput,
  outputPlaces,
  readContents,
  resolveSecondaryFiles,
} from '../files/index.js';
import { matchesType } from '../job/type-check.js';
import { prepareInputs } from '../job/prepare-inputs.js';
import type { CwlProcess, CwlParameter, ExpressionTool } from '../model.js';
import { WorkflowFailure } from './errors.js';
import { expressionRequirements } from './expression-requirements.js';
import { effectiveRequirements, type Effective } from './requirements.js';
import type { RuntimeContext } from './runtime-context.js';
import { runWorkflow } from './run-workflow.js';

export interface ProcessCall {
  readonly process: CwlProcess;
  readonly given: Record<string, unknown>;
  readonly outer: Effective; // requirements in force around the process (workflow and step)
  readonly lane: string | undefined; // the graph step its tool tasks go to (undefined: a top-level workflow's steps)
  readonly path: string; // a readable label: step ids joined by `/`, scatter indexes in brackets
  // Run as a workflow step: secondaryFiles are those the Files carry (a required one they lack is missing), not
  // looked for on disk as for the process the user runs (cwltool's rule).
  readonly asStep?: boolean | undefined;
}

// Runs the process and returns its outputs; failures reject with a WorkflowFailure.
export async function runProcess(call: ProcessCall, rt: RuntimeContext): Promise<Record<string, unknown>> {
  const { process } = call;
  const prepared = prepareInputs(process.inputs, call.given);
  if ('problem' in prepared)
    throw new WorkflowFailure(`${call.path}: ${prepared.problem.message}`, {
      location: process.source,
      hint: 'connect the input, give it a default, or make its type optional',
    });
  const effective = effectiveRequirements(effectiveRequirements(call.outer, process), {
    requirements: rt.jobRequirements,
    hints: [],
  });
  const completed = await completeInputs(process.inputs, prepared.inputs);
  const exprReq = expressionRequirements(effective, process.cwlVersion, process.source);
  const evaluate = (text: string, self: unknown): Promise<unknown> =>
    rt.evaluator.evaluate(text, { inputs: completed, self, runtime: null }, exprReq);
  const discover = call.asStep !== true;
  const secondary: SecondaryFilesContext & { readonly discover: boolean } = {
    evaluate,
    baseDir: '/',
    defaultRequired: true,
    discover,
  };
  const inputs = await withSecondaryFiles(process.inputs, completed, secondary).catch((error: unknown) => {
    throw new WorkflowFailure(`${call.path}: ${(error as Error).message}`, { location: process.source, cause: error });
  });
  switch (process.class) {
    case 'CommandLineTool': {
      const context = {
        evaluator: rt.evaluator,
        requirements: effective.requirements,
        hints: effective.hints,
        jobRequirements: rt.jobRequirements,
        cwlVersion: process.cwlVersion,
        discoverSecondaryFiles: discover,
      };
      const task = await rt.createToolTask(process, inputs, context);
      const state = await rt.submit(call.lane ?? call.path, call.path, task);
      if (state !== TaskState.Succeeded && state !== TaskState.Cached)
        throw new WorkflowFailure(
          `${call.path}: the tool ${state === TaskState.Cancelled ? 'was cancelled' : 'failed'}`,
        );
      return task.outputs();
    }
    case 'ExpressionTool':
      return runExpressionTool(process, inputs, effective, rt, call.path);
    case 'Workflow':
      return runWorkflow({ workflow: process, inputs, effective, lane: call.lane, path: call.path }, rt);
    case 'Operation':
      throw new UnsupportedError(`${call.path}: an Operation cannot be run`, {
        location: process.source,
        hint: 'replace the Operation with a CommandLineTool, ExpressionTool or Workflow',
      });
    default: {
      const never: never = process;
      throw new Error(`unknown process ${String(never)}`);
    }
  }
}

// Completes File and Directory inputs (name parts, size) and loads contents and listings where the input asks for them.
async function completeInputs(
  parameters: readonly CwlParameter[],
  inputs: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const parameter of parameters) {
    const value = inputs[parameter.id];
    out[parameter.id] = await mapFileObjects(value, async (entry) => {
      const incomplete =
        entry.basename === undefined || (isFile(entry) && entry.size === undefined && entry.contents === undefined);
      const unlisted =
        isDirectory(entry) &&
        entry.listing === undefined &&
        parameter.loadListing !== undefined &&
        parameter.loadListing !== 'no_listing';
      const done =
        incomplete || unlisted
          ? await completeFileOrDirectory(entry, { baseDir: '/', loadListing: parameter.loadListing })
          : entry;
      if (parameter.loadContents === true && isFile(done) && done.contents === undefined && done.path !== undefined)
        return { ...done, contents: await readContents(done.path) };
      return done;
    });
  }
  return out;
}

// Adds the secondary files that input parameters (and fields of record inputs) declare to their File values.
async function withSecondaryFiles(
  parameters: readonly CwlParameter[],
  inputs: Record<string, unknown>,
  context: SecondaryFilesContext,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { ...inputs };
  const apply = async (value: unknown, specs: CwlParameter['secondaryFiles'], type: unknown): Promise<unknown> => {
    if (Array.isArray(value)) return Promise.all(value.map((item) => apply(item, specs, type)));
    if (isFile(value) && specs !== undefined && specs.length > 0) return resolveSecondaryFiles(value, specs, context);
    const fields = recordFields(type);
    if (fields !== undefined && value !== null && typeof value === 'object' && !isFile(value) && !isDirectory(value)) {
      const record = { ...(value as Record<string, unknown>) };
      for (const field of fields) record[field.id] = await apply(record[field.id], field.secondaryFiles, field.type);
      return record;
    }
    return value;
  };
  for (const parameter of parameters)
    out[parameter.id] = await apply(inputs[parameter.id], parameter.secondaryFiles, parameter.type);
  return out;
}

// The fields of a record type (or of the record member of a union).
function recordFields(type: unknown): readonly CwlParameter[] | undefined {
  if (Array.isArray(type)) {
    for (const member of type) {
      const fields = recordFields(member);
      if (fields !== undefined) return fields;
    }
    return undefined;
  }
  if (type !== null && typeof type === 'object' && (type as { type?: unknown }).type === 'record')
    return (type as { fields: readonly CwlParameter[] }).fields;
  return undefined;
}

// Evaluates an ExpressionTool's expression and checks its result against the declared outputs.
async function runExpressionTool(
  tool: ExpressionTool,
  inputs: Record<string, unknown>,
  effective: Effective,
  rt: RuntimeContext,
  path: string,
): Promise<Record<string, unknown>> {
  const outdir = await mkdtemp(join(rt.tmpRoot, 'expr-'));
  const runtime = { outdir, tmpdir: outdir, cores: 1, ram: 1024, outdirSize: 1024, tmpdirSize: 1024, exitCode: null };
  let result: unknown;
  try {
    result = await rt.evaluator.evaluate(
      tool.expression,
      { inputs, self: null, runtime },
      expressionRequirements(effective, tool.cwlVersion, tool.source),
    );
  } catch (error) {
    throw new WorkflowFailure(`${path}: ${(error as Error).message}`, { location: tool.source, cause: error });
  }
  if (result === null || typeof result !== 'object' || Array.isArray(result)) {
    throw new WorkflowFailure(`${path}: the expression returned ${JSON.stringify(result)}, not an object`, {
      location: tool.source,
      hint: 'return an object with one field per output',
    });
  }
  const outputs: Record<string, unknown> = {};
  const places = outputPlaces(outdir, inputs, outdir);
  for (const output of tool.outputs) {
    const value = (result as Record<string, unknown>)[output.id] ?? null;
    if (value !== null && !matchesType(output.type, value)) {
      throw new WorkflowFailure(
        `${path}: output \`${output.id}\` is ${JSON.stringify(value)}, which does not match its type`,
        { location: tool.source },
      );
    }
    const problem = await misplacedOutput(value, places, outdir);
    if (problem !== undefined)
      throw new WorkflowFailure(`${path}: output \`${output.id}\`: ${problem}`, {
        location: tool.source,
        hint: 'an ExpressionTool outputs its inputs, or files it names in runtime.outdir',
      });
    outputs[output.id] = await mapFileObjects(value, async (entry) =>
      (isDirectory(entry) || (isFile(entry) && entry.contents === undefined)) &&
      (entry.location !== undefined || entry.path !== undefined)
        ? completeFileOrDirectory(entry, { baseDir: outdir })
        : entry,
    );
  }
  return outputs;
}
