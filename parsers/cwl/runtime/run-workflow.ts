// Interprets a CWL Workflow: each step runs as soon as the values it reads exist, scattered and conditional
// as it says; the workflow's outputs are gathered from their sources. https://www.commonwl.org/v1.2/Workflow.html
import { completeFileOrDirectory, isFile, mapFileObjects, readContents } from '../files/index.js';
import type { Workflow, WorkflowStep } from '../model.js';
import { WorkflowFailure } from './errors.js';
import { expressionRequirements } from './expression-requirements.js';
import { mergeSources, pickValue } from './link-merge.js';
import { effectiveRequirements, type Effective } from './requirements.js';
import type { RuntimeContext } from './runtime-context.js';
import { runProcess } from './run-process.js';
import { gatherScatter, scatterJobs } from './scatter.js';

export interface WorkflowCall {
  readonly workflow: Workflow;
  readonly inputs: Record<string, unknown>;
  readonly effective: Effective; // in force inside the workflow
  readonly lane: string | undefined; // undefined at the top: each step is its own lane
  readonly path: string;
}

const NO_REQUIREMENTS: Effective = { requirements: [], hints: [] };

// Runs the workflow's steps and resolves with its output object.
export async function runWorkflow(call: WorkflowCall, rt: RuntimeContext): Promise<Record<string, unknown>> {
  const values = new Map<string, Promise<unknown>>();
  for (const [id, value] of Object.entries(call.inputs)) values.set(id, Promise.resolve(value));
  const pending = new Map<string, WorkflowStep>(call.workflow.steps.map((step) => [step.id, step]));
  const started: Promise<unknown>[] = [];
  // Steps start in document order; a step's promise waits for the values it reads, so any order works.
  const startStep = (step: WorkflowStep): void => {
    pending.delete(step.id);
    const outputs = (async () => {
      const sources = step.in.flatMap((input) => input.source ?? []);
      for (const source of sources) {
        const producer = source.split('/')[0] as string;
        const waiting = pending.get(producer);
        if (waiting !== undefined && source.includes('/')) startStep(waiting);
      }
      return runStep(step, call, values, rt);
    })();
    started.push(outputs);
    outputs.catch(() => undefined); // reported below, once
    for (const out of step.out) {
      const value = outputs.then((o) => o[out] ?? null);
      value.catch(() => undefined);
      values.set(`${step.id}/${out}`, value);
    }
  };
  for (const step of call.workflow.steps) if (pending.has(step.id)) startStep(step);
  const result: Record<string, unknown> = {};
  for (const output of call.workflow.outputs) {
    const sources = output.outputSource ?? [];
    const got = await Promise.all(sources.map((source) => values.get(source) ?? Promise.resolve(null)));
    const merged = mergeSources(got, output.linkMerge ?? (sources.length > 1 ? 'merge_nested' : undefined));
    result[output.id] =
      pickValue(merged, output.pickValue, `${call.path === '' ? '' : `${call.path}: `}output \`${output.id}\``) ?? null;
  }
  const failed = (await Promise.allSettled(started)).find((r) => r.status === 'rejected');
  if (failed !== undefined) throw (failed as PromiseRejectedResult).reason;
  return result;
}

// Runs one step: gathers its inputs, expands its scatter, applies valueFrom and `when`, runs each job. The step's
// expressions (its own and those of the process it runs) evaluate in a scope of their own, so no other step's
// code can change their results.
async function runStep(
  step: WorkflowStep,
  call: WorkflowCall,
  values: Map<string, Promise<unknown>>,
  outer: RuntimeContext,
): Promise<Record<string, unknown>> {
  const path = call.path === '' ? step.id : `${call.path}/${step.id}`;
  const rt: RuntimeContext = { ...outer, evaluator: outer.evaluator.scope(step.id) };
  const stepEffective = effectiveRequirements(call.effective, NO_REQUIREMENTS, step);
  const exprReq = expressionRequirements(stepEffective, call.workflow.cwlVersion, step.source);
  const gathered: Record<string, unknown> = {};
  for (const input of step.in) {
    let value: unknown = null;
    if (input.source !== undefined && input.source.length > 0) {
      const got = await Promise.all(input.source.map((source) => values.get(source) as Promise<unknown>));
      value = pickValue(
        mergeSources(got, input.linkMerge ?? (input.source.length > 1 ? 'merge_nested' : undefined)),
        input.pickValue,
        `${path} input \`${input.id}\``,
      );
    }
    if ((value === null || value === undefined) && input.default !== undefined) value = input.default;
    gathered[input.id] = await prepareStepValue(value ?? null, input.loadContents === true);
  }
  const scatter = step.scatter ?? [];
  const jobs = scatter.length === 0 ? [gathered] : scatterJobs(gathered, scatter, step.scatterMethod, path);
  const lane = call.lane ?? step.id;
  const results = await Promise.all(
    jobs.map(async (job, index) => {
      const label = scatter.length === 0 ? path : `${path}[${index}]`;
      const evaluated: Record<string, unknown> = { ...job };
      for (const input of step.in) {
        if (input.valueFrom === undefined) continue;
        try {
          evaluated[input.id] = await rt.evaluator.evaluate(
            input.valueFrom,
            { inputs: job, self: job[input.id] ?? null, runtime: null },
            exprReq,
          );
        } catch (error) {
          throw new WorkflowFailure(`${label}: valueFrom of input \`${input.id}\`: ${(error as Error).message}`, {
            location: step.source,
            cause: error,
          });
        }
      }
      if (step.when !== undefined) {
        let condition: unknown;
        try {
          condition = await rt.evaluator.evaluate(step.when, { inputs: evaluated, self: null, runtime: null }, exprReq);
        } catch (error) {
          throw new WorkflowFailure(`${label}: \`when\`: ${(error as Error).message}`, {
            location: step.source,
            cause: error,
          });
        }
        if (typeof condition !== 'boolean')
          throw new WorkflowFailure(`${label}: \`when\` gave ${JSON.stringify(condition)}, not true or false`, {
            location: step.source,
            hint: 'make the condition evaluate to a boolean',
          });
        if (!condition) return undefined;
      }
      const given: Record<string, unknown> = {};
      const declared = new Set(step.run.inputs.map((input) => input.id));
      for (const [id, value] of Object.entries(evaluated)) if (declared.has(id)) given[id] = value;
      return runProcess({ process: step.run, given, outer: stepEffective, lane, path: label, asStep: true }, rt);
    }),
  );
  const outputs: Record<string, unknown> = {};
  for (const out of step.out) {
    const perJob = results.map((result) => (result === undefined ? null : (result[out] ?? null)));
    outputs[out] = scatter.length === 0 ? perJob[0] : gatherScatter(perJob, gathered, scatter, step.scatterMethod);
  }
  return outputs;
}

// Completes File values given to a step (defaults are bare locations) and loads their contents when asked.
async function prepareStepValue(value: unknown, loadContents: boolean): Promise<unknown> {
  return mapFileObjects(value, async (entry) => {
    const done =
      entry.basename === undefined && entry.location !== undefined
        ? await completeFileOrDirectory(entry, { baseDir: '/' })
        : entry;
    if (loadContents && isFile(done) && done.contents === undefined && done.path !== undefined)
      return { ...done, contents: await readContents(done.path) };
    return done;
  });
}
