// What evaluation needs from around it: the module being run, its definitions, and the run-wide runtime.
import type { Position } from '../syntax/ast-expressions.js';
import type { Statement } from '../syntax/ast-statements.js';
import type { SourceLocation } from '../../../engine/errors.js';
import type { DslChannel } from './channel.js';
import type { Scope } from './scope.js';
import type { DslMap } from './values.js';

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
}

// Run-wide state shared by every module of a pipeline.
export interface DslRuntime {
  readonly launchDir: string;
  readonly projectDir: string;
  readonly params: DslMap;
  readonly workflowMeta: DslMap; // `workflow.*`: projectDir, launchDir, runName, …
  readonly onComplete: (() => void)[]; // `workflow.onComplete { }` handlers
  // Writes a line for the user (println, log.info, view); the CLI shows it on stderr.
  log(line: string): void;
  // Records a failure found while the workflow runs, which stops it.
  fail(error: Error): void;
}

// One `.nf` file being evaluated: its definitions and the run it belongs to.
export interface DslModule {
  readonly file: string;
  readonly dir: string;
  readonly callables: Map<string, DslCallable>;
  readonly functions: Map<string, DslFunction>;
  readonly runtime: DslRuntime;
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
