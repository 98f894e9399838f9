// Syntax pipe recognises but does not run (DSL1 channels), reported by name instead of failing obscurely.
import type { Expression, MethodCall } from './ast-expressions.js';
import { errorAt } from './build-context.js';
import type { BuildContext } from './build-context.js';

const DSL1_HINT = 'pipe runs DSL2 only: see https://www.nextflow.io/docs/latest/dsl1.html#migrating-from-dsl-1';

// Rejects DSL1-only channel methods: `Channel.create()` and the `into` operator.
export function checkSupportedCall(call: MethodCall, ctx: BuildContext): void {
  if (call.name === 'create' && isChannelFactory(call.object)) {
    throw errorAt(
      ctx,
      call.pos,
      'DSL1 `Channel.create()` is not supported',
      `${DSL1_HINT}; create channels with a factory such as \`Channel.of(...)\` or as process outputs`,
    );
  }
  if (call.name === 'into') {
    throw errorAt(
      ctx,
      call.pos,
      'the DSL1 operator `into` is not supported',
      `${DSL1_HINT}; in DSL2 a channel can be used many times: assign it with \`.set { name }\` or \`name = ...\``,
    );
  }
}

// Whether an expression is the `Channel` / `channel` factory name.
function isChannelFactory(expression: Expression): boolean {
  return expression.kind === 'identifier' && (expression.name === 'Channel' || expression.name === 'channel');
}

// The error for a DSL1 `from` / `into` clause in a process input or output declaration.
export function dsl1Clause(word: 'from' | 'into', call: MethodCall, ctx: BuildContext): Error {
  const section = word === 'from' ? 'input' : 'output';
  return errorAt(
    ctx,
    call.pos,
    `DSL1 \`${word}\` in a process ${section} declaration is not supported`,
    `${DSL1_HINT}; declare \`${section}:\` without \`${word}\` and ${word === 'from' ? 'pass the channel when calling the process: `FOO(ch)`' : 'use the output as `FOO.out`'}`,
  );
}
