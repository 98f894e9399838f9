// One task of a process call: its scope, directives, rendered script, staging and output collection hooks.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Resources, TaskSpec, TaskState, TaskVerdict } from '../../../../engine/task.js';
import { sha256 } from '../../../../engine/cache-key.js';
import { type EvalContext, evaluate } from '../eval/context.js';
import { type ProcessCall, emitTaskOutputs, maybeClose } from './state.js';
import { bindInput, type BoundInputs } from './inputs.js';
import { capToResourceLimits } from './task-resources.js';
import { collectOutput, MissingOutput } from './outputs.js';
import { acceleratorCount, directiveValue, durationOf, memoryOf } from './settings.js';
import { lateDirective, rememberFailure, strategyAfterFailure, taskDirectives } from './task-values.js';
import { schedulerDirectives } from '../config/executor-settings.js';
import { publishFiles, publishRemote, publishRule, PublishRefused } from './publish.js';
import { isRemoteUri } from '../../../../engine/staging/uri.js';
import { childScope } from '../eval/scope.js';
import { applyStageSection } from './stage-section.js';
import { fingerprint, linkInputs, nameCollisions, runtimeStaging } from './staging.js';
import { scriptError } from '../eval/script-error.js';
import { skipIfStored, storeDirOf, storeFiles } from './store-dir.js';
import { chosenSection, outputCaptures, renderScript } from './task-script.js';
import { isPath, numberOf, pathValue, show, truthy } from '../values/values.js';
import { ConfigError } from '../../../../engine/errors.js';
import { secretsScope } from '../config/secrets.js';
import { containerImage, containerRunCommand } from './container.js';

// A task's scope: the `task` map and its bound inputs (staged names for files, or the files themselves for exec).
export function taskScope(
  call: ProcessCall,
  set: readonly unknown[],
  index: number,
  stage: boolean,
): { ctx: EvalContext; task: Map<unknown, unknown>; bound: BoundInputs } {
  const bound: BoundInputs = { vars: [], files: [], env: [], keys: [] };
  const task = new Map<unknown, unknown>([
    ['index', index + 1],
    ['attempt', 1],
    ['process', call.qualifiedName],
    ['name', `${call.qualifiedName} (${index + 1})`],
    ['ext', new Map()],
    ['cpus', 1],
  ]);
  const scope = childScope(call.ctx.scope, [['task', task]]);
  const ctx: EvalContext = { module: call.ctx.module, scope };
  // each input's variables are visible to the declarations after it (`file "${x}.txt"` after `each x`)
  call.def.inputs.forEach((decl, i) => {
    const before = bound.vars.length;
    bindInput(ctx, decl, set[i], bound, stage);
    for (const [name, value] of bound.vars.slice(before)) scope.vars.set(name, value);
  });
  if (call.def.stage !== undefined && stage) applyStageSection(ctx, call.def.stage, bound);
  // in a typed process, the files inside input values (records, lists) are seen under their staged names
  if (call.def.typed === true && stage) {
    const names = new Map(bound.files.map((f) => [f.source, f.name]));
    for (const [name, value] of scope.vars) if (name !== 'task') scope.vars.set(name, stagedValue(value, names));
  }
  return { ctx, task, bound };
}

// Whether the process's `when:` condition lets this input set run.
export function whenHolds(call: ProcessCall, ctx: EvalContext): boolean {
  return call.def.when === undefined || truthy(evaluate(ctx, call.def.when));
}

// The secrets a task's `secret 'NAME'` directives export into its environment, as Nextflow does.
function secretEnv(directives: ReturnType<typeof taskDirectives>): Record<string, string> {
  const names = (directives.get('secret') ?? []).flatMap((d) => d.positional.map((n) => show(n)));
  const store = secretsScope();
  return Object.fromEntries(
    names.map((name) => {
      const value = store.get(name);
      if (value === undefined) {
        throw new ConfigError(`the secret \`${name}\` a \`secret\` directive names is not set`, {
          hint: `set it with \`pipe secrets set ${name} VALUE\``,
        });
      }
      return [name, String(value)];
    }),
  );
}

// A task's id as Nextflow names the task: `PROC (tag)`, else `PROC (n)` counting from 1, or `PROC` for the one task
// of a process with only value inputs; a tag two tasks share gets the task's number too: `PROC (x) #2`.
function taskIdOf(call: ProcessCall, tag: string | undefined, index: number): string {
  let id =
    tag === undefined ? (call.singleton ? call.stepId : `${call.stepId} (${index + 1})`) : `${call.stepId} (${tag})`;
  if (call.taskIds.has(id)) id = `${id} #${index + 1}`;
  call.taskIds.add(id);
  return id;
}

// Evaluates a task's directives for the attempt `task.attempt` says (`memory { 2.GB * task.attempt }`), capped by
// process.resourceLimits, and the resources they ask for.
function evaluateAttempt(
  call: ProcessCall,
  ctx: EvalContext,
  task: Map<unknown, unknown>,
): { directives: ReturnType<typeof taskDirectives>; resources: Resources } {
  const directives = taskDirectives(call, ctx.scope, task);
  capToResourceLimits(task, directives);
  const resources: Resources = {
    cpus: numberOf(task.get('cpus')) ?? 1,
    memoryBytes: memoryOf(task.get('memory'))?.amount,
    timeLimitMs: durationOf(task.get('time'))?.amount,
    gpus: acceleratorCount(directives),
  };
  return { directives, resources };
}

// Builds the task spec for one input set, or undefined when `when:` rules the set out, or `stored` when its outputs
// are in its storeDir (they are emitted now and no task runs).
export function buildTask(call: ProcessCall, set: readonly unknown[], index: number): TaskSpec | 'stored' | undefined {
  const { def, pipeline } = call;
  const { ctx, task, bound } = taskScope(call, set, index, true);
  const collisions = nameCollisions(bound.files);
  const at = def.inputs.find((decl) => decl.qualifier === 'path' || decl.qualifier === 'tuple') ?? def.inputs[0];
  if (collisions.length > 0 && at !== undefined)
    // Nextflow's wording; the run stops whatever the errorStrategy, as Nextflow's unrecoverable error does
    throw scriptError(
      ctx,
      at.pos,
      `Process \`${call.qualifiedName}\` input file name collision -- There are multiple input files for each of the following file names: ${collisions.join(', ')}`,
      'stage the inputs under distinct names (`stageAs`, or a name pattern such as `path "ref/*"`)',
    );
  const { directives, resources } = evaluateAttempt(call, ctx, task);
  // Directives are evaluated once per attempt, as Nextflow's task config is (a closure that prints runs once): the
  // first attempt's now, a retry's when the engine first asks for its resources or stages it.
  let evaluatedAttempt = 1;
  let attemptResources = resources;
  const evaluateFor = (attempt: number): Resources => {
    if (attempt !== evaluatedAttempt) {
      task.set('attempt', attempt);
      attemptResources = evaluateAttempt(call, ctx, task).resources;
      evaluatedAttempt = attempt;
    }
    return attemptResources;
  };
  if (!whenHolds(call, ctx)) return undefined;
  const tagValue = lateDirective(call, ctx.scope, 'tag');
  const tag = tagValue === undefined || tagValue === null ? undefined : show(tagValue);
  if (tag !== undefined) task.set('name', `${call.qualifiedName} (${tag})`);
  const launchDir = call.ctx.module.runtime.launchDir;
  const stageOut = show(directiveValue(directives, 'stageOutMode') ?? 'copy');
  const strategy = show(directiveValue(directives, 'errorStrategy') ?? 'terminate');
  const dynamicStrategy = (call.sources.get('errorStrategy') ?? []).length > 0;
  const debug = truthy(directiveValue(directives, 'debug') ?? directiveValue(directives, 'echo') ?? false);
  if (truthy(directiveValue(directives, 'fair') ?? false)) call.order ??= { next: 0, pending: new Map() };
  // stageInMode: `copy` and `link` (hard link) as Nextflow; `symlink` (the default) and `rellink` link symbolically
  const stageInMode = show(directiveValue(directives, 'stageInMode') ?? 'symlink');
  const maxRetries = numberOf(directiveValue(directives, 'maxRetries')) ?? 1;
  const section = chosenSection(def, pipeline.stubRun);
  const captures = outputCaptures(ctx, def.outputs);
  const command = renderScript(ctx, section, bound, captures);
  // the script ran first: outputs may name variables it set (`val(baseName)`)
  const storeDir = pipeline.stubRun ? undefined : storeDirOf(directiveValue(directives, 'storeDir'), launchDir);
  const name = call.singleton && tag === undefined ? call.qualifiedName : show(task.get('name'));
  if (storeDir !== undefined && skipIfStored(call, ctx, storeDir, name, index)) return 'stored';
  const publish = (directives.get('publishDir') ?? []).map((d) => publishRule(d.positional, d.named, launchDir));
  const inputNames = new Set(bound.files.map((f) => f.name));
  const area = runtimeStaging(call.ctx.module.runtime);
  const inputsDigest = sha256(`${fingerprint(area, bound.files)}\n${bound.keys.join('\n')}`);
  const occurrenceKey = `${command}\0${inputsDigest}`;
  const occurrence = call.occurrences.get(occurrenceKey) ?? 0;
  call.occurrences.set(occurrenceKey, occurrence + 1);
  const env: Record<string, string> = { ...Object.fromEntries(pipeline.config.env), ...secretEnv(directives) };
  if (pipeline.binDir !== undefined) env.PATH = `${pipeline.binDir}:${env.PATH ?? process.env.PATH ?? '/usr/bin:/bin'}`;
  const label = `process \`${call.name}\`${tag === undefined ? '' : ` (${tag})`}`;
  const containers = pipeline.containers;
  const image =
    containers === undefined
      ? undefined
      : containerImage(directiveValue(directives, 'container'), containers.settings, call.qualifiedName);
  const containerOptions = show(directiveValue(directives, 'containerOptions') ?? '').trim();
  let staged: { script: string; inputs: readonly string[] } | undefined;
  // A failed attempt, by the errorStrategy evaluated now: ignored (recorded failed, the run goes on), retried while
  // attempts remain, or final.
  const failed = (reason: string, exitCode: number | null, attempt: number): TaskVerdict => {
    const now = strategyAfterFailure(call, ctx.scope, task, exitCode, attempt);
    rememberFailure(task, reason, exitCode, attempt);
    if (now === 'ignore') return { ok: false, ignore: true, reason: `${reason} (ignored: errorStrategy 'ignore')` };
    if (exitCode !== null && exitCode !== 0) call.ctx.module.runtime.stats.exitStatus = exitCode;
    return now === 'retry' ? { ok: false, reason } : { ok: false, reason, final: true };
  };
  let emitted = false;
  const id = taskIdOf(call, tag, index);
  return {
    id,
    stepId: call.stepId,
    index,
    command,
    light: false,
    resources,
    retries: strategy === 'retry' || dynamicStrategy ? maxRetries : 0,
    scheduler: schedulerDirectives(directiveValue(directives, 'queue'), directiveValue(directives, 'clusterOptions')),
    env: Object.keys(env).length === 0 ? undefined : env,
    tag: tag ?? (call.singleton ? undefined : String(index + 1)),
    inputsDigest,
    occurrence: occurrence === 0 ? undefined : occurrence,
    container: image,
    hooks: {
      async stage(workDir, _signal, attempt) {
        const inputs = await linkInputs(area, workDir, bound.files, id, stageInMode);
        if (bound.stdin !== undefined) writeFileSync(join(workDir, '.command.in'), bound.stdin);
        let script = command;
        if (attempt > 1) {
          evaluateFor(attempt);
          script = renderScript(ctx, section, bound, captures);
        }
        staged = { script, inputs: inputs.map((input) => input.path) };
        return script;
      },
      resourcesFor(attempt) {
        return evaluateFor(attempt);
      },
      stagedWrapper(workDir) {
        if (containers === undefined || image === undefined || staged === undefined) return undefined;
        const runCommand = containerRunCommand({
          settings: containers.settings,
          image,
          options: containerOptions === '' ? [] : [containerOptions],
          workDir,
          inputs: staged.inputs,
          binDir: pipeline.binDir,
          env: Object.keys(env),
          script: staged.script,
        });
        return { runCommand };
      },
      async finish({ exitCode, workDir, reused, attempt }) {
        if (debug) echoStdout(call, workDir);
        task.set('exitStatus', exitCode);
        if (exitCode !== 0) return failed(`${label} exited with status ${String(exitCode)}`, exitCode, attempt);
        let files: string[] = [];
        let values: unknown[];
        let outputDir = workDir;
        try {
          values = def.outputs.map((decl) => collectOutput(ctx, decl, workDir, inputNames, files));
          if (storeDir !== undefined) {
            storeFiles(workDir, storeDir, files, stageOut);
            [outputDir, files] = [storeDir, []];
            values = def.outputs.map((decl) => collectOutput(ctx, decl, storeDir, new Set(), files));
          }
        } catch (error) {
          if (error instanceof MissingOutput) return failed(`${label}: ${error.message}`, exitCode, attempt);
          throw error;
        }
        try {
          for (const rule of publish) {
            if (typeof rule === 'string') continue;
            if (!isRemoteUri(rule.path)) publishFiles(rule, outputDir, files);
            else {
              const problem = await publishRemote(area, rule, outputDir, files, id, reused);
              if (problem !== undefined) return failed(`${label}: publishDir: ${problem}`, exitCode, attempt);
            }
          }
        } catch (error) {
          if (error instanceof PublishRefused)
            return failed(`${label}: publishDir: ${error.message}`, exitCode, attempt);
          throw error;
        }
        if (!emitted) {
          emitted = true;
          emitTaskOutputs(call, index, values);
        }
        return { ok: true };
      },
      settled(state: TaskState) {
        call.settled++;
        const stats = call.ctx.module.runtime.stats;
        if (state === 'succeeded') stats.succeeded++;
        else if (state === 'cached') stats.cached++;
        else if (state === 'failed' && strategy === 'ignore') stats.ignored++;
        else if (state === 'failed') stats.failed++;
        // a task that ends without outputs lets the outputs of later ones go (`fair true`)
        if (!emitted) {
          emitted = true;
          emitTaskOutputs(call, index, undefined);
        }
        maybeClose(call);
      },
    },
  };
}

// A value with the files it holds replaced by the names they are staged under.
function stagedValue(value: unknown, names: ReadonlyMap<string, string>): unknown {
  if (isPath(value)) return names.has(value.path) ? pathValue(names.get(value.path) as string) : value;
  if (Array.isArray(value)) return value.map((v) => stagedValue(v, names));
  if (value instanceof Map)
    return new Map([...value].map(([k, v]) => [k, stagedValue(v, names)] as [unknown, unknown]));
  return value;
}

// `debug true` (formerly `echo true`): the task's standard output goes to the run's, as it ends.
function echoStdout(call: ProcessCall, workDir: string): void {
  const file = join(workDir, '.command.out');
  if (existsSync(file)) call.ctx.module.runtime.console.out(readFileSync(file, 'utf8'));
}
