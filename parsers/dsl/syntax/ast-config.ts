// AST of a `nextflow.config` file: nested blocks and dotted assignments whose values are expressions.
import type { Expression, Position } from './ast-expressions.js';

export interface ConfigFile {
  readonly kind: 'config';
  readonly file: string;
  readonly body: readonly ConfigItem[];
}

export type ConfigItem = ConfigAssignment | ConfigBlock | ConfigSelector | ConfigInclude | ConfigCall;

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
