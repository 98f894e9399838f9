// `branch` and `multiMap`: one channel in, several named channels out, chosen by the labels of the closure body.
//   ch.branch { small: it < 5; large: true }           each item goes to the first label whose condition holds
//   ch.multiMap { it -> foo: it + 1; bar: it * 2 }     each item goes to every label, as that label's value
import type { ClosureExpression, Expression, Position } from '../../syntax/ast-expressions.js';
import type { Statement } from '../../syntax/ast-statements.js';
import { createChannel, type DslChannel } from '../channels/channel.js';
import { type DslOutputs, type EvalContext, evaluate, execute, runBody } from '../eval/context.js';
import { operatorFailure, toChannel } from './support.js';
import { childScope } from '../eval/scope.js';
import { truthy } from '../values/values.js';
import { ReturnSignal } from '../eval/signals.js';
import { scriptError } from '../eval/script-error.js';

// A label inside a closure body, as the syntax layer keeps it among the statements (`small:`).
interface LabelItem {
  readonly kind: 'label';
  readonly name: string;
  readonly pos: Position;
}

// One labelled case: its name and the statements up to the next label.
export interface ForkCase {
  readonly name: string;
  readonly statements: readonly Statement[];
}

// Splits a closure body at its labels: statements before the first label, then the cases in order.
export function forkCases(body: readonly (Statement | LabelItem)[]): { prelude: Statement[]; cases: ForkCase[] } {
  const prelude: Statement[] = [];
  const cases: { name: string; statements: Statement[] }[] = [];
  for (const item of body) {
    if (item.kind === 'label') cases.push({ name: item.name, statements: [] });
    else (cases[cases.length - 1]?.statements ?? prelude).push(item);
  }
  return { prelude, cases };
}

// The closure's scope for one item: `it` or its named parameters bound, the prelude run.
function itemContext(
  ctx: EvalContext,
  closure: ClosureExpression,
  prelude: readonly Statement[],
  item: unknown,
): EvalContext {
  const names = closure.params.map((p) => p.name);
  const values = names.length > 1 && Array.isArray(item) ? item : [item];
  const vars: [string, unknown][] = closure.explicitParameters
    ? names.map((name, i) => [name, values[i] ?? null])
    : [['it', item]];
  const inner: EvalContext = { module: ctx.module, scope: childScope(ctx.scope, vars) };
  execute(inner, prelude);
  return inner;
}

// Where `branch` sends an item: the first case whose condition holds, with the value it emits (the item, or what a
// `return` after the condition gives), or undefined when none holds.
export function branchOf(
  ctx: EvalContext,
  closure: ClosureExpression,
  item: unknown,
): { name: string; value: unknown } | undefined {
  const { prelude, cases } = forkCases(closure.body);
  const inner = itemContext(ctx, closure, prelude, item);
  for (const c of cases) {
    const [condition, ...rest] = c.statements;
    if (condition?.kind !== 'expressionStatement' || !truthy(evaluate(inner, condition.expression))) continue;
    return { name: c.name, value: rest.length === 0 ? item : runBody(inner, rest) };
  }
  return undefined;
}

// What `multiMap` sends to each label for an item: the value of that label's statements; labels written one after
// the other (`alpha: beta: v`) label the same statements, and share their value.
export function multiMapOf(ctx: EvalContext, closure: ClosureExpression, item: unknown): Map<string, unknown> {
  const { prelude, cases } = forkCases(closure.body);
  const inner = itemContext(ctx, closure, prelude, item);
  const out = new Map<string, unknown>();
  let pending: string[] = [];
  for (const c of cases) {
    pending.push(c.name);
    if (c.statements.length === 0) continue;
    let value: unknown;
    try {
      value = execute(inner, c.statements);
    } catch (signal) {
      if (!(signal instanceof ReturnSignal)) throw signal;
      value = signal.value;
    }
    for (const label of pending) out.set(label, value);
    pending = [];
  }
  for (const label of pending) out.set(label, null);
  return out;
}

// The labelled closure of `branchCriteria { … }` or `multiMapCriteria { … }`, kept with the scope it was written in,
// to be given to `branch(criteria)` or `multiMap(criteria)` later.
export interface ForkCriteria {
  readonly kind: 'forkCriteria';
  readonly operator: 'branch' | 'multiMap';
  readonly closure: ClosureExpression;
  readonly ctx: EvalContext;
}

export function isForkCriteria(value: unknown): value is ForkCriteria {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'forkCriteria';
}

// `branchCriteria { … }` / `multiMapCriteria { … }`: the closure as written, for a later `branch` or `multiMap`.
export function forkCriteria(
  ctx: EvalContext,
  operator: 'branch' | 'multiMap',
  args: readonly Expression[],
  pos: Position,
): ForkCriteria {
  const closure = args.find((a): a is ClosureExpression => a.kind === 'closure');
  if (closure === undefined)
    throw scriptError(
      ctx,
      pos,
      `\`${operator}Criteria\` expects a closure with labelled cases`,
      'as in `{ v -> small: v < 10 }`',
    );
  return { kind: 'forkCriteria', operator, closure, ctx };
}

// Applies `branch` or `multiMap` written as `ch.branch { … }`, `ch | branch { … }` or `ch.branch(criteria)`: the
// closure argument is read as written; a criteria value is the closure it was made from.
export function applyFork(
  ctx: EvalContext,
  source: unknown,
  name: 'branch' | 'multiMap',
  args: readonly Expression[],
  pos: Position,
): DslOutputs {
  const literal = args.find((a): a is ClosureExpression => a.kind === 'closure');
  const given = literal === undefined && args[0] !== undefined ? evaluate(ctx, args[0]) : undefined;
  const criteria = isForkCriteria(given) && given.operator === name ? given : undefined;
  const closure = literal ?? criteria?.closure;
  const closureCtx = criteria?.ctx ?? ctx;
  if (closure === undefined)
    throw scriptError(
      ctx,
      pos,
      `\`${name}\` expects a closure with labelled cases, as in \`${name} { a: … ; b: … }\`, or a \`${name}Criteria\``,
    );
  const { cases } = forkCases(closure.body);
  if (cases.length === 0)
    throw scriptError(ctx, closure.pos, `\`${name}\` needs at least one label such as \`small:\` in its closure`);
  const src = toChannel(ctx, source, pos);
  const named = new Map<string, DslChannel>(cases.map((c) => [c.name, createChannel(false, src.origins)]));
  const close = (): void => {
    for (const channel of named.values()) channel.close();
  };
  (async () => {
    for await (const item of src.read()) {
      if (name === 'branch') {
        const hit = branchOf(closureCtx, closure, item);
        if (hit !== undefined) named.get(hit.name)?.emit(hit.value);
      } else for (const [label, value] of multiMapOf(closureCtx, closure, item)) named.get(label)?.emit(value);
    }
  })().then(close, (error: unknown) => {
    close();
    ctx.module.runtime.fail(operatorFailure(ctx, name, pos, error));
  });
  return { kind: 'outputs', channels: [...named.values()], named };
}
