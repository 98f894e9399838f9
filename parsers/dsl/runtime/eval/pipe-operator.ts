// Nextflow's pipe `left | right`: feeds a channel into a process, a workflow or an operator.
import type { Expression } from '../../syntax/ast-expressions.js';
import { evaluateArgs, groovyArgs } from './arguments.js';
import type { DslChannel } from '../channels/channel.js';
import { locate, type DslOutputs, type EvalContext, evaluate } from './context.js';
import { isCallable } from '../values/members.js';
import { applyOperator, isOperator } from '../operators/operators.js';
import { findScope } from './scope.js';
import { isClosure } from '../values/values.js';
import { scriptError } from './script-error.js';

// Evaluates `left | right` where `left` is a channel or a call's outputs.
export function pipeInto(ctx: EvalContext, left: DslChannel | DslOutputs, right: Expression): unknown {
  const at = locate(ctx, right.pos);
  if (right.kind === 'identifier' || (right.kind === 'call' && right.callee.kind === 'identifier')) {
    const name = right.kind === 'identifier' ? right.name : right.callee.kind === 'identifier' ? right.callee.name : '';
    const args =
      right.kind === 'call' ? evaluateArgs(ctx, right) : { positional: [], named: new Map<string, unknown>() };
    const local = findScope(ctx.scope, name)?.vars.get(name);
    const callable = isCallable(local) ? local : ctx.module.callables.get(name);
    if (callable !== undefined) return callable.invoke([left, ...groovyArgs(args)], at);
    if (isClosure(local)) return local.call([left, ...groovyArgs(args)]);
    if (isOperator(name)) return applyOperator(ctx, left, name, args, right.pos);
    throw scriptError(
      ctx,
      right.pos,
      `\`${name}\` cannot take a channel through \`|\``,
      'pipe into a process, a workflow or a channel operator',
    );
  }
  const target = evaluate(ctx, right);
  if (isCallable(target)) return target.invoke([left], at);
  throw scriptError(ctx, right.pos, 'the right side of `|` must be a process, a workflow or a channel operator');
}
