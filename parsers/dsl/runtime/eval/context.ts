// What evaluation needs from around it: the module being run, its definitions, and the run-wide runtime.
import type { StagingArea } from '../../../../engine/staging/staging-area.js';
import type { Expression, Position } from '../../syntax/ast-expressions.js';
import type { Statement } from '../../syntax/ast-statements.js';
import type { ClassDefinition, EnumDefinition, RecordDefinition } from '../../syntax/ast-script.js';
import type { SourceLocation } from '../../../../engine/errors.js';
import type { ScriptConsole } from '../../../options.js';
import type { DslChannel } from '../channels/channel.js';
import type { Topics } from '../channels/topic.js';
import type { WorkflowOutputs } from '../workflow/workflow-outputs.js';
import type { Scope } from './scope.js';
import type { DslMap } from '../values/values.js';

// A process or workflow as a value: called with channels, it returns its outputs; `.out` is its last outputs.
export interface DslCallable {
  readonly kind: 'callable';
  readonly type: 'process' | 'workflow';
  readonly name: string;
  invoke(args: readonly unknown[], at: SourceLocation): unknown;
  out: DslOutputs | undefined;
}

// The outputs of one process or workflow call: positional channels, some also named (`emit:`).
export interface DslOutputs {
  readonly kind: 'outputs';
  readonly channels: readonly DslChannel[];
  readonly named: ReadonlyMap<string, DslChannel>;
}

// A `def name(params) { body }` function.
export interface DslFunction {
  readonly name: string;
  readonly params: readonly string[];
  readonly body: readonly Statement[];
  readonly module: DslModule;
  // A function pipe builds in (a plugin's, such as nf-schema's `validateParameters`) instead of a body.
  readonly native?: ((ctx: EvalContext, args: readonly unknown[], pos: Position) => unknown) | undefined;
}

// Run-wide state shared by every module of a pipeline.
export interface DslRuntime {
  readonly launchDir: string;
  readonly projectDir: string;
  readonly params: DslMap;
  readonly workflowMeta: DslMap; // `workflow.*`: projectDir, launchDir, runName, …
  readonly scriptArgs: readonly string[]; // `args`: the words after the script that are not params
  readonly onComplete: (() => void)[]; // `workflow.onComplete { }` handlers
  // Where the script's output goes: println, print, view and `debug` tasks' stdout; log.info/warn/error.
  readonly console: ScriptConsole;
  // Set once a config file has read `secrets` (logged once, as Nextflow logs its reload with the secrets provider).
  configUsedSecrets?: boolean;
  readonly onError: (() => void)[]; // `workflow.onError { }` handlers
  // The config's recorded scopes by dotted name (`validation.help.enabled`, `manifest.version`), set once loaded.
  readonly settings: Map<string, unknown>;
  // The named workflows being called, outermost first: a process called now is `A:B:PROC`.
  readonly callPath: string[];
  // Task counts for `workflow.stats`, kept as tasks settle.
  // `exitStatus`: that of the last task that failed the run, for `workflow.exitStatus`.
  readonly stats: { succeeded: number; failed: number; ignored: number; cached: number; exitStatus?: number };
  // Records a failure found while the workflow runs, which stops it.
  fail(error: Error): void;
  // Where remote files (scp://, sftp://, globus://) are fetched and published through.
  readonly staging?: (() => StagingArea) | undefined;
  // The entry workflow's published outputs, once it has run (workflow outputs).
  outputs?: WorkflowOutputs | undefined;
  // Topic channels by name (`channel.topic('versions')`, outputs with `topic:`).
  readonly topics: Topics;
  // The classes of the pipeline's lib/ directory (`lib/Foo.groovy`), seen from every module.
  readonly classes?: Map<string, ClassDefinition> | undefined;
  // Evaluates expressions and statements; every part of the runtime reaches it through here.
  readonly evaluator: Evaluator;
}

// Evaluation of expressions and statements, as the rest of the runtime calls it.
export interface Evaluator {
  // The value of one expression.
  evaluate(ctx: EvalContext, expr: Expression): unknown;
  // A closure or function body: the value of `return`, else of the last expression statement.
  runBody(ctx: EvalContext, body: readonly Statement[]): unknown;
  // Statements in order; the value of the last one when it is an expression.
  execute(ctx: EvalContext, statements: readonly Statement[]): unknown;
}

// One `.nf` file being evaluated: its definitions and the run it belongs to.
export interface DslModule {
  readonly file: string;
  readonly dir: string;
  readonly callables: Map<string, DslCallable>;
  readonly functions: Map<string, DslFunction>;
  // Records and enums defined (or included) in the file, by name.
  readonly types: Map<string, RecordDefinition | EnumDefinition | ClassDefinition>;
  readonly runtime: DslRuntime;
  // Classes its `import` statements named, by simple name → fully qualified name (`Yaml` → `org.yaml.snakeyaml.Yaml`).
  readonly imports?: Map<string, string> | undefined;
  // The file's top-level variables (`def VERSION = '1.0'`), which its processes and workflows see, as the closures of
  // a Groovy script body see its locals.
  readonly globals?: Scope | undefined;
  // A config file: a name nothing defines is an empty ConfigObject there (`[:]`), not an error.
  readonly configFile?: boolean | undefined;
}

// Where evaluation stands: the module and the innermost scope.
export interface EvalContext {
  readonly module: DslModule;
  readonly scope: Scope;
}

// The source location of an AST position in the module's file.
export function locate(ctx: EvalContext | DslModule, pos: Position): SourceLocation {
  const file = 'module' in ctx ? ctx.module.file : ctx.file;
  return { file, line: pos.line, column: pos.column };
}

// Evaluates one expression in the context.
export function evaluate(ctx: EvalContext, expr: Expression): unknown {
  return ctx.module.runtime.evaluator.evaluate(ctx, expr);
}

// Runs a closure or function body in the context; its value.
export function runBody(ctx: EvalContext, body: readonly Statement[]): unknown {
  return ctx.module.runtime.evaluator.runBody(ctx, body);
}

// Executes statements in the context; the value of the last one.
export function execute(ctx: EvalContext, statements: readonly Statement[]): unknown {
  return ctx.module.runtime.evaluator.execute(ctx, statements);
}
