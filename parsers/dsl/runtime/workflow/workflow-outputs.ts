// Workflow outputs (Nextflow 25.10): the entry workflow's `publish:` channels, published as their values arrive to the
// output dir (`-output-dir`, config `outputDir`, default `results`) by the `output { }` block's rules: `path 'dir'` or
// `path { v -> v.bam >> 'align/' }`, `mode` (config `workflow.output.mode`, default symlink), `enabled`, and an
// `index { path 'x.csv' }` file listing every value; when the run ends, pipe prints the outputs as Nextflow does.
import { cpSync, linkSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { ClosureExpression, Expression } from '../../syntax/ast-expressions.js';
import type { Statement } from '../../syntax/ast-statements.js';
import type { OutputBlock, WorkflowEmit } from '../../syntax/ast-script.js';
import type { DslChannel } from '../channels/channel.js';
import { type EvalContext, evaluate, execute } from '../eval/context.js';
import { childScope } from '../eval/scope.js';
import { scriptError } from '../eval/script-error.js';
import { toChannel } from '../operators/support.js';
import { nestedFiles } from '../process/inputs.js';
import { show, truthy } from '../values/values.js';
import { indexText, summaryText, type PublishedTarget } from './output-index.js';

interface TargetRule {
  readonly dir?: string;
  readonly closure?: ClosureExpression;
  readonly mode: string;
  readonly enabled: boolean;
  readonly index?: { readonly path: string; readonly header: boolean; readonly sep: string };
}

// A run's workflow outputs: values published as they come; `finish` writes the index files and the summary.
export interface WorkflowOutputs {
  // Resolves once every published channel has closed and its values are published.
  readonly done: Promise<void>;
  // Writes the index files; the summary Nextflow prints (text or json).
  finish(format: string): string;
}

// Starts publishing the channels `publish:` names, by the rules of `block`.
export function publishOutputs(
  ctx: EvalContext,
  publish: readonly WorkflowEmit[],
  block: OutputBlock | undefined,
  outputDir: string,
): WorkflowOutputs {
  const settings = ctx.module.runtime.settings;
  const defaultMode = show(settings.get('workflow.output.mode') ?? 'symlink');
  const targets: PublishedTarget[] = [];
  const work: Promise<void>[] = [];
  for (const entry of publish) {
    const name = entry.name ?? '';
    const rules = block?.targets.find((t) => t.name === name);
    const rule = targetRule(ctx, rules?.body ?? [], defaultMode);
    const target: PublishedTarget = { name, values: [], published: new Map(), index: rule.index };
    targets.push(target);
    const channel: DslChannel = toChannel(ctx, evaluate(ctx, entry.value), entry.pos);
    work.push(
      (async () => {
        for await (const value of channel.read()) {
          target.values.push(value);
          if (rule.enabled) publishValue(ctx, value, rule, outputDir, target.published);
        }
      })(),
    );
  }
  // A failure to publish fails the run when the session completes (it awaits `done`); a pipeline that is only built
  // (`pipe check`) or that stops before completing never awaits it, and that must not be an unhandled rejection.
  const done = Promise.all(work).then(() => undefined);
  done.catch(() => undefined);
  return {
    done,
    finish(format) {
      for (const target of targets) {
        if (target.index === undefined) continue;
        const file = resolve(outputDir, target.index.path);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, indexText(target));
      }
      return summaryText(targets, outputDir, format);
    },
  };
}

// Reads a target's settings: `path`, `mode`, `enabled`, `index { path; header; sep }`.
function targetRule(ctx: EvalContext, body: readonly Statement[], defaultMode: string): TargetRule {
  let rule: { -readonly [K in keyof TargetRule]: TargetRule[K] } = { mode: defaultMode, enabled: true };
  for (const statement of body) {
    const call = statement.kind === 'expressionStatement' ? statement.expression : undefined;
    if (call?.kind !== 'call' || call.callee.kind !== 'identifier')
      throw scriptError(ctx, statement.pos, "an output setting is a name and its value, such as `path 'fastq'`");
    const arg = call.args[0];
    switch (call.callee.name) {
      case 'path':
        if (arg?.kind === 'closure') rule = { ...rule, closure: arg };
        else rule = { ...rule, dir: arg === undefined ? '' : show(evaluate(ctx, arg)) };
        break;
      case 'mode':
        rule = { ...rule, mode: show(arg === undefined ? defaultMode : evaluate(ctx, arg)) };
        break;
      case 'enabled':
        rule = { ...rule, enabled: arg === undefined || truthy(evaluate(ctx, arg)) };
        break;
      case 'index':
        rule = { ...rule, index: indexRule(ctx, arg) };
        break;
      default:
        // label, tags, overwrite, contentType, storageClass: accepted, not applied
        break;
    }
  }
  return rule;
}

// `index { path 'x.csv'; header true; sep ',' }`.
function indexRule(ctx: EvalContext, arg: Expression | undefined): TargetRule['index'] {
  let index = { path: 'index.csv', header: false, sep: ',' };
  for (const statement of arg?.kind === 'closure' ? arg.body : []) {
    const call = statement.kind === 'expressionStatement' ? statement.expression : undefined;
    if (call?.kind !== 'call' || call.callee.kind !== 'identifier' || call.args[0] === undefined) continue;
    const value = evaluate(ctx, call.args[0]);
    if (call.callee.name === 'path') index = { ...index, path: show(value) };
    else if (call.callee.name === 'header') index = { ...index, header: truthy(value) };
    else if (call.callee.name === 'sep') index = { ...index, sep: show(value) };
  }
  return index;
}

// Publishes the files of one value: under `path 'dir'`, or where the `path { v -> file >> 'target' }` closure
// sends each (a target ending in `/` is a directory; null publishes nothing; a closure returning text is a dir).
function publishValue(
  ctx: EvalContext,
  value: unknown,
  rule: TargetRule,
  outputDir: string,
  published: Map<string, string>,
): void {
  let dir = rule.dir ?? '';
  if (rule.closure !== undefined) {
    const pairs: [string, string][] = [];
    let routed = false;
    const param = rule.closure.params[0]?.name ?? 'it';
    const scope = childScope(ctx.scope, [[param, value]]);
    const inner: EvalContext = { module: ctx.module, scope };
    let last: unknown = null;
    for (const statement of rule.closure.body) {
      const e = statement.kind === 'expressionStatement' ? statement.expression : undefined;
      if (e?.kind === 'binary' && e.operator === '>>') {
        routed = true;
        const target = evaluate(inner, e.right);
        if (target === null || target === undefined) continue;
        for (const file of nestedFiles(evaluate(inner, e.left))) {
          const where = show(target);
          pairs.push([file.path, where.endsWith('/') ? join(where, taskRelative(file.path)) : where]);
        }
        last = null;
      } else last = execute(inner, [statement]);
    }
    if (routed) {
      for (const [source, target] of pairs) place(source, resolve(outputDir, target), rule.mode, published);
      return;
    }
    dir = typeof last === 'string' ? last : '';
  }
  for (const file of nestedFiles(value))
    place(file.path, resolve(outputDir, dir, taskRelative(file.path)), rule.mode, published);
}

// A file's name as published: its path inside the task work dir that made it (`summary_data/data.json`), else its
// name.
function taskRelative(path: string): string {
  return /\/[0-9a-f]{2}\/[0-9a-f]{30}\/(.+)$/.exec(path)?.[1] ?? basename(path);
}

// Puts one file or directory at `target` by `mode` (symlink, rellink, link, copy, copyNoFollow, move).
function place(source: string, target: string, mode: string, published: Map<string, string>): void {
  mkdirSync(dirname(target), { recursive: true });
  rmSync(target, { recursive: true, force: true });
  if (mode === 'copy' || mode === 'copyNoFollow' || mode === 'move')
    cpSync(source, target, { recursive: true, dereference: mode !== 'copyNoFollow' });
  else if (mode === 'link') linkSync(source, target);
  else if (mode === 'rellink') symlinkSync(relative(dirname(target), source), target);
  else symlinkSync(source, target);
  published.set(source, target);
}
