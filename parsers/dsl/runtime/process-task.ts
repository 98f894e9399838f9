// One task of a process call: its scope, directives, rendered script, staging and output collection hooks.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskSpec, TaskState } from '../../../engine/task.js';
import { sha256 } from '../../../engine/cache-key.js';
import type { EvalContext } from './context.js';
import { runBody } from './evaluator.js';
import { type ProcessCall, maybeClose } from './process-call.js';
import { bindInput, type BoundInputs } from './process-inputs.js';
import { collectOutput, MissingOutput } from './process-outputs.js';
import { directiveValue, evaluateDirectives, memoryBytes, timeMs } from './process-settings.js';
import { schedulerDirectives } from './executor-settings.js';
import { publishFiles, publishRule, type PublishRule } from './publish.js';
import { shellInterpolate } from './shell-section.js';
import { childScope } from './scope.js';
import { fingerprint, linkInputs } from './staging.js';
import { numberOf, show, valueKey } from './values.js';

// The env lines, stdin redirect and body of the script a task runs.
function wrapScript(script: string, bound: BoundInputs): string {
  const lines: string[] = [];
  for (const [name, value] of bound.env) lines.push(`export ${name}=${JSON.stringify(value)}`);
  if (bound.stdin !== undefined) lines.push('exec < .command.in');
  if (lines.length === 0) return script;
  const shebang = script.startsWith('#!') ? `${script.split('\n', 1)[0]}\n` : '';
  return `${shebang}${lines.join('\n')}\n${script.slice(shebang.length)}`;
}

// Builds the task spec for one input set.
export function buildTask(call: ProcessCall, set: readonly unknown[], index: number): TaskSpec {
  const { def, pipeline } = call;
  const bound: BoundInputs = { vars: [], files: [], env: [] };
  const task = new Map<unknown, unknown>([['index', index + 1], ['attempt', 1], ['process', call.name], ['name', `${call.name} (${index + 1})`], ['cpus', 1]]);
  const scope = childScope(call.ctx.scope, [['task', task]]);
  const ctx: EvalContext = { module: call.ctx.module, scope };
  def.inputs.forEach((decl, i) => bindInput(ctx, decl, set[i], bound));
  for (const [name, value] of bound.vars) scope.vars.set(name, value);
  const directives = evaluateDirectives(call.sources, scope);
  const cpus = numberOf(directiveValue(directives, 'cpus')) ?? 1;
  const memory = memoryBytes(directiveValue(directives, 'memory'));
  const time = timeMs(directiveValue(directives, 'time'));
  task.set('cpus', cpus);
  if (memory !== undefined) task.set('memory', show(directiveValue(directives, 'memory')));
  if (time !== undefined) task.set('time', show(directiveValue(directives, 'time')));
  for (const key of ['container', 'queue', 'clusterOptions', 'executor', 'ext']) if (directives.has(key)) task.set(key, directiveValue(directives, key));
  const tagValue = directiveValue(directives, 'tag');
  const tag = tagValue === undefined || tagValue === null ? undefined : show(tagValue);
  if (tag !== undefined) task.set('name', `${call.name} (${tag})`);
  const strategy = show(directiveValue(directives, 'errorStrategy') ?? 'terminate');
  const maxRetries = numberOf(directiveValue(directives, 'maxRetries')) ?? 1;
  const body = def.body;
  const rendered = body === undefined ? '' : show(runBody(ctx, body.statements));
  const script = body?.section === 'shell' ? shellInterpolate(ctx, rendered, body.pos) : rendered;
  const command = wrapScript(script.replace(/^\n/, ''), bound);
  const publish = (directives.get('publishDir') ?? []).map((d) => publishRule(d.positional, d.named, call.ctx.module.runtime.launchDir));
  const inputNames = new Set(bound.files.map((f) => f.name));
  const inputsDigest = sha256(`${fingerprint(bound.files)}\n${set.map(valueKey).join('\n')}`);
  const occurrenceKey = `${command}\0${inputsDigest}`;
  const occurrence = call.occurrences.get(occurrenceKey) ?? 0;
  call.occurrences.set(occurrenceKey, occurrence + 1);
  const env: Record<string, string> = Object.fromEntries(pipeline.config.env);
  if (pipeline.binDir !== undefined) env.PATH = `${pipeline.binDir}:${env.PATH ?? process.env.PATH ?? '/usr/bin:/bin'}`;
  let emitted = false;
  return {
    id: `${call.stepId}:${index}`,
    stepId: call.stepId,
    index,
    command,
    light: false,
    resources: { cpus, memoryBytes: memory, timeLimitMs: time },
    retries: strategy === 'retry' ? maxRetries : 0,
    scheduler: schedulerDirectives(directiveValue(directives, 'queue'), directiveValue(directives, 'clusterOptions')),
    env: Object.keys(env).length === 0 ? undefined : env,
    tag,
    inputsDigest,
    occurrence: occurrence === 0 ? undefined : occurrence,
    hooks: {
      async stage(workDir) {
        linkInputs(workDir, bound.files);
        if (bound.stdin !== undefined) writeFileSync(join(workDir, '.command.in'), bound.stdin);
        return command;
      },
      async finish({ exitCode, workDir }) {
        if (exitCode !== 0) {
          if (strategy === 'ignore') return { ok: true };
          return { ok: false, reason: `process \`${call.name}\`${tag === undefined ? '' : ` (${tag})`} exited with status ${String(exitCode)}` };
        }
        const files: string[] = [];
        let values: unknown[];
        try {
          values = def.outputs.map((decl) => collectOutput(ctx, decl, workDir, inputNames, files));
        } catch (error) {
          if (error instanceof MissingOutput) return { ok: false, reason: `process \`${call.name}\`${tag === undefined ? '' : ` (${tag})`}: ${error.message}` };
          throw error;
        }
        for (const rule of publish) if (typeof rule !== 'string') publishFiles(rule as PublishRule, workDir, files);
        if (!emitted) {
          emitted = true;
          values.forEach((value, i) => {
            if (value !== null || def.outputs[i]?.qualifier === 'val') call.outputs.channels[i]?.emit(value);
          });
        }
        return { ok: true };
      },
      settled(_state: TaskState) {
        call.settled++;
        maybeClose(call);
      },
    },
  };
}
