// AST of a `nextflow.config` file: nested blocks and dotted assignments whose values are expressions.
import type { Expression, Position } from './ast-expressions.js';
import type { FunctionDefinition } from './ast-script.js';
import type { CatchClause } from './ast-statements.js';

export interface ConfigFile {
  readonly kind: 'config';
  readonly file: string;
  readonly body: readonly ConfigItem[];
}

export type ConfigItem =
  | ConfigAssignment
  | ConfigBlock
  | ConfigSelector
  | ConfigInclude
  | ConfigCall
  | ConfigFunction
  | ConfigTry
  | ConfigVariable;

// def trace_timestamp = new java.util.Date().format(…): a name the file's later settings read.
export interface ConfigVariable {
  readonly kind: 'variable';
  readonly name: string;
  readonly value?: Expression | undefined;
  readonly pos: Position;
}

// try { includeConfig "…" } catch (Exception e) { … }: settings whose failure runs the catch clause's statements.
export interface ConfigTry {
  readonly kind: 'try';
  readonly body: readonly ConfigItem[];
  readonly catches: readonly CatchClause[];
  readonly pos: Position;
}

// def check_max(obj, type) { … } at the top of a config file.
export interface ConfigFunction {
  readonly kind: 'function';
  readonly definition: FunctionDefinition;
  readonly pos: Position;
}

// process.cpus = 4, params.x = 'y', docker.enabled = true: `path` is the dotted name split.
export interface ConfigAssignment {
  readonly kind: 'assign';
  readonly path: readonly string[];
  readonly value: Expression;
  readonly pos: Position;
}

// name { … }: params, process, executor, profiles and each profile, env, manifest, docker, …
export interface ConfigBlock {
  readonly kind: 'block';
  readonly name: string;
  readonly body: readonly ConfigItem[];
  readonly pos: Position;
}

// withName: 'FOO' { … } and withLabel: big { … } inside `process`.
export interface ConfigSelector {
  readonly kind: 'selector';
  readonly selector: 'withName' | 'withLabel';
  readonly pattern: string;
  readonly body: readonly ConfigItem[];
  readonly pos: Position;
}

// includeConfig 'conf/base.config'
export interface ConfigInclude {
  readonly kind: 'includeConfig';
  readonly path: Expression;
  readonly pos: Position;
}

// Another setting written as a call, such as `id 'nf-schema@2.1.0'` in `plugins { }`.
export interface ConfigCall {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly Expression[];
  readonly pos: Position;
}
