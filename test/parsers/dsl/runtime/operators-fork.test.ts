import { describe, expect, it } from 'vitest';
import { parseDsl } from '../../../../parsers/dsl/syntax/index.js';
import type { MethodCall } from '../../../../parsers/dsl/syntax/ast-expressions.js';
import type { Statement } from '../../../../parsers/dsl/syntax/ast-statements.js';
import type { DslModule, EvalContext } from '../../../../parsers/dsl/runtime/eval/context.js';
import { drain } from '../../../../parsers/dsl/runtime/operators/support.js';
import { applyFork } from '../../../../parsers/dsl/runtime/operators/fork.js';
import { evaluator } from '../../../../parsers/dsl/runtime/eval/evaluator.js';
import { evaluate } from '../../../../parsers/dsl/runtime/eval/expressions.js';
import { childScope } from '../../../../parsers/dsl/runtime/eval/scope.js';
import { show } from '../../../../parsers/dsl/runtime/values/values.js';
import { createTopics } from '../../../../parsers/dsl/runtime/channels/topic.js';

// `source.op { … }` with a label before each given statement index: what the syntax layer gives for labelled cases.
function forkCall(code: string, labels: Record<number, string>): { ctx: EvalContext; call: MethodCall } {
  const runtime = {
    launchDir: '/',
    projectDir: '/',
    params: new Map(),
    workflowMeta: new Map(),
    scriptArgs: [],
    onComplete: [],
    onError: [],
    settings: new Map(),
    callPath: [],
    stats: { succeeded: 0, failed: 0, ignored: 0, cached: 0 },
    evaluator,
    topics: createTopics(),
    console: { out: () => undefined, log: () => undefined },
    fail: (e: Error) => {
      throw e;
    },
  };
  const module: DslModule = {
    file: 'fork.nf',
    dir: '/',
    callables: new Map(),
    functions: new Map(),
    types: new Map(),
    runtime,
  };
  const statement = parseDsl(code, 'fork.nf').body[0] as Statement;
  if (statement.kind !== 'expressionStatement' || statement.expression.kind !== 'methodCall')
    throw new Error('expected a method call');
  const call = statement.expression;
  const closure = call.args[0];
  if (closure?.kind !== 'closure') throw new Error('expected a closure');
  const body = closure.body.flatMap((st, i) =>
    labels[i] === undefined ? [st] : [{ kind: 'label', name: labels[i], pos: st.pos }, st],
  ) as unknown as Statement[];
  return { ctx: { module, scope: childScope(undefined) }, call: { ...call, args: [{ ...closure, body }] } };
}

// Runs the fork and reads each named output.
async function outputs(code: string, labels: Record<number, string>): Promise<Record<string, string[]>> {
  const { ctx, call } = forkCall(code, labels);
  const result = applyFork(ctx, evaluate(ctx, call.object), call.name as 'branch', call.args, call.pos);
  const out: Record<string, string[]> = {};
  for (const [name, channel] of result.named) out[name] = (await drain(channel)).map(show);
  return out;
}

describe('branch', () => {
  it('sends each item to the first label whose condition holds, and drops items no label takes', async () => {
    expect(await outputs('Channel.of(1, 7, 20).branch {\n it < 5\n it < 10\n}', { 0: 'small', 1: 'medium' })).toEqual({
      small: ['1'],
      medium: ['7'],
    });
  });
  it('emits what a `return` after the condition gives', async () => {
    expect(
      await outputs('Channel.of(1, 20).branch {\n it < 5\n return it * 100\n true\n}', { 0: 'small', 2: 'other' }),
    ).toEqual({ small: ['100'], other: ['20'] });
  });
});

describe('multiMap', () => {
  it('sends every item to every label as that label’s value', async () => {
    expect(await outputs('Channel.of(1, 2).multiMap { it ->\n it + 1\n it * 10\n}', { 0: 'plus', 1: 'times' })).toEqual(
      { plus: ['2', '3'], times: ['10', '20'] },
    );
  });
});
