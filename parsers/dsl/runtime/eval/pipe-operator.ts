// Nextflow's pipe `left | right`: feeds a channel into a process, a workflow or an operator; `left | (a & b)` feeds
// it into each of `a` and `b` (a fork); a process or workflow without inputs may head a pipe (`foo | bar`).
import type { Expression } from '../../syntax/ast-expressions.js';
import { evaluateArgs, groovyArgs, type CallArgs } from './arguments.js';
import type { DslChannel } from '../channels/channel.js';
import { locate, type DslOutputs, type EvalContext, evaluate } from './context.js';
import { isCallable, isOutputs } from '../values/members.js';
import { applyOperator, isOperator, setTarget, tapTarget } from '../operators/operators.js';
import { findScope } from './scope.js';
import { applyFork } from '../operators/fork.js';
import { isClosure } from '../values/values.js';
import { scriptError } from './script-error.js';
import { binaryOp } from '../values/arithmetic.js';

// What flows through a pipe: one channel, or a call's outputs (several channels are spread over the next inputs).
export type Piped = DslChannel | DslOutputs;

// The operands of a fork `a & b & c`, in order.
function forkOperands(expr: Expression): Expression[] | undefined {
  if (expr.kind !== 'binary' || expr.operator !== '&') return undefined;
  return [...(forkOperands(expr.left) ?? [expr.left]), ...(forkOperands(expr.right) ?? [expr.right])];
}

// The outputs of several calls as one: their channels in order.
function joinOutputs(results: readonly unknown[]): DslOutputs {
  const channels = results.flatMap((r) => (isOutputs(r) ? r.channels : [r as DslChannel]));
  return { kind: 'outputs', channels, named: new Map() };
}

// The arguments a call gets from what is piped in: each channel of a call's outputs, or the one channel.
function spreadInputs(left: Piped): unknown[] {
  return isOutputs(left) && left.channels.length > 1 ? [...left.channels] : [left];
}

// Evaluates `left | right` where `left` is a channel or a call's outputs.
export function pipeInto(ctx: EvalContext, left: Piped, right: Expression): unknown {
  const fork = forkOperands(right);
  if (fork !== undefined) return joinOutputs(fork.map((operand) => pipeInto(ctx, left, operand)));
  const at = locate(ctx, right.pos);
  if (right.kind === 'identifier' || (right.kind === 'call' && right.callee.kind === 'identifier')) {
    const name = right.kind === 'identifier' ? right.name : right.callee.kind === 'identifier' ? right.callee.name : '';
    if (name === 'set' && right.kind === 'call') return setTarget(ctx, left, right);
    if (name === 'tap' && right.kind === 'call') return tapTarget(ctx, left, right);
    if ((name === 'branch' || name === 'multiMap') && right.kind === 'call')
      return applyFork(ctx, left, name, right.args, right.pos);
    const args: CallArgs =
      right.kind === 'call' ? evaluateArgs(ctx, right) : { positional: [], named: new Map<string, unknown>() };
    const local = findScope(ctx.scope, name)?.vars.get(name);
    const callable = isCallable(local) ? local : ctx.module.callables.get(name);
    if (callable !== undefined) return callable.invoke([...spreadInputs(left), ...groovyArgs(args)], at);
    if (isClosure(local)) return local.call([left, ...groovyArgs(args)]);
    if (isOperator(name)) {
      // `(a & b) | mix`: the first channel is the source, the others its arguments
      if (isOutputs(left) && left.channels.length > 1) {
        const [first, ...rest] = left.channels as DslChannel[];
        const spread = { positional: [...rest, ...args.positional], named: args.named };
        return applyOperator(ctx, first as DslChannel, name, spread, right.pos);
      }
      return applyOperator(ctx, left, name, args, right.pos);
    }
    throw scriptError(
      ctx,
      right.pos,
      `\`${name}\` cannot take a channel through \`|\``,
      'pipe into a process, a workflow or a channel operator',
    );
  }
  const target = evaluate(ctx, right);
  if (isCallable(target)) return target.invoke(spreadInputs(left), at);
  throw scriptError(ctx, right.pos, 'the right side of `|` must be a process, a workflow or a channel operator');
}

// The head of a pipe: a process or workflow named alone is called without inputs (`foo | bar`), and so is each of a
// fork of them (`(flow1 & flow2) | mix`, whose outputs are theirs in order).
export function pipeHead(ctx: EvalContext, expr: Expression): unknown {
  const fork = forkOperands(expr);
  if (fork !== undefined) {
    const heads = fork.map((operand) => evaluate(ctx, operand));
    if (heads.every(isCallable)) return joinOutputs(heads.map((head, i) => callHead(ctx, head, fork[i] as Expression)));
    return fork.slice(1).reduce((left, operand, i) => binaryOp(ctx, '&', left, heads[i + 1], operand.pos), heads[0]);
  }
  return callHead(ctx, evaluate(ctx, expr), expr);
}

// A value at a pipe's head: a callable is called without inputs, anything else is itself.
function callHead(ctx: EvalContext, value: unknown, expr: Expression): unknown {
  return isCallable(value) ? value.invoke([], locate(ctx, expr.pos)) : value;
}
