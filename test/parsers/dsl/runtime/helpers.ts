// Evaluates DSL snippets in a bare module, as the runtime would inside a workflow body.
import { parseDsl } from '../../../../parsers/dsl/syntax/index.js';
import type { Statement } from '../../../../parsers/dsl/syntax/ast-statements.js';
import type { DslModule, DslRuntime } from '../../../../parsers/dsl/runtime/eval/context.js';
import { evaluator } from '../../../../parsers/dsl/runtime/eval/evaluator.js';
import { execute } from '../../../../parsers/dsl/runtime/eval/statements.js';
import { drain } from '../../../../parsers/dsl/runtime/operators/support.js';
import { childScope } from '../../../../parsers/dsl/runtime/eval/scope.js';
import { isChannel, show } from '../../../../parsers/dsl/runtime/values/values.js';
import type { DslChannel } from '../../../../parsers/dsl/runtime/channels/channel.js';
import { createTopics } from '../../../../parsers/dsl/runtime/channels/topic.js';

export interface Evaluated {
  readonly value: unknown;
  readonly logged: string[];
  readonly failures: Error[];
}

// Runs the statements of `code` (a script's top level) and returns the last statement's value.
export function run(code: string, params: Record<string, unknown> = {}): Evaluated {
  const logged: string[] = [];
  const failures: Error[] = [];
  const runtime: DslRuntime = {
    launchDir: '/launch',
    projectDir: '/project',
    params: new Map(Object.entries(params)),
    workflowMeta: new Map(),
    scriptArgs: [],
    onComplete: [],
    onError: [],
    settings: new Map(),
    callPath: [],
    stats: { succeeded: 0, failed: 0, ignored: 0, cached: 0 },
    evaluator,
    topics: createTopics(),
    console: {
      out: (text) => void logged.push(text.replace(/\n$/, '')),
      log: (level, message) => void logged.push(level === 'info' ? message : `${level.toUpperCase()}: ${message}`),
    },
    fail: (error) => void failures.push(error),
  };
  const module: DslModule = {
    file: 'test.nf',
    dir: '/project',
    callables: new Map(),
    functions: new Map(),
    types: new Map(),
    runtime,
    imports: new Map(),
  };
  const ast = parseDsl(code, 'test.nf');
  const value = execute({ module, scope: childScope(undefined) }, ast.body as Statement[]);
  return { value, logged, failures };
}

// The value of one expression, shown as Groovy prints it.
export function shown(code: string): string {
  return show(run(code).value);
}

// Evaluates `code` to a channel and reads all its values.
export async function items(code: string): Promise<unknown[]> {
  const { value, failures } = run(code);
  if (!isChannel(value)) throw new Error(`not a channel: ${show(value)}`);
  const out = await drain(value as DslChannel);
  if (failures.length > 0) throw failures[0];
  return out;
}

// The channel `code` evaluates to.
export function channel(code: string): DslChannel {
  const { value } = run(code);
  if (!isChannel(value)) throw new Error(`not a channel: ${show(value)}`);
  return value;
}
