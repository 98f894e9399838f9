// Function and method calls: closures, processes and workflows, built-ins, and methods by the receiver's type.
import type { CallExpression, MethodCall, Position } from '../../syntax/ast-expressions.js';
import { evaluateArgs, groovyArgs, type CallArgs } from './arguments.js';
import { callChannelFactory } from '../channels/factory.js';
import { locate, type EvalContext, evaluate, runBody } from './context.js';
import { fileFunction, matchPaths } from '../stdlib/files.js';
import { formatted, globalMethod } from '../stdlib/global-methods.js';
import { listMethods } from '../stdlib/list-methods.js';
import { mapMethods } from '../stdlib/map-methods.js';
import { isCallable, isOutputs } from '../values/members.js';
import type { MethodTable } from '../stdlib/method-table.js';
import { numberMethods } from '../stdlib/number-methods.js';
import { applyFork, forkCriteria } from '../operators/fork.js';
import { applyOperator, setTarget, tapTarget } from '../operators/operators.js';
import { pathMethods } from '../stdlib/path-methods.js';
import { hostMethod, isHostObject } from '../groovy/host-object.js';
import { childScope, findScope } from './scope.js';
import { stringMethods } from '../stdlib/string-methods.js';
import { GroupKey, isChannel, isClosure, isPath, numberOf, show, typeName } from '../values/values.js';
import { scriptError } from './script-error.js';
import { DslAbort } from './errors.js';
import { isQuantity, quantityMember } from '../values/units.js';
import { templateFunction } from '../process/templates.js';
import { recursion } from '../workflow/recursion.js';
import { closestMatch } from '../../../common/edit-distance.js';

// Calls `name(args)` or `expr(args)`.
export function callFunction(ctx: EvalContext, expr: CallExpression): unknown {
  if (expr.callee.kind !== 'identifier') {
    const callee = evaluate(ctx, expr.callee);
    if (isClosure(callee)) return callee.call(groovyArgs(evaluateArgs(ctx, expr)));
    throw scriptError(ctx, expr.pos, `\`${show(callee)}\` cannot be called`);
  }
  const name = expr.callee.name;
  const scope = findScope(ctx.scope, name);
  if (scope !== undefined) {
    const value = scope.vars.get(name);
    if (isClosure(value)) return value.call(groovyArgs(evaluateArgs(ctx, expr)));
    if (isCallable(value)) return value.invoke(groovyArgs(evaluateArgs(ctx, expr)), locate(ctx, expr.pos));
  }
  const callable = ctx.module.callables.get(name);
  if (callable !== undefined) return callable.invoke(groovyArgs(evaluateArgs(ctx, expr)), locate(ctx, expr.pos));
  const fn = ctx.module.functions.get(name);
  if (fn !== undefined) {
    const args = groovyArgs(evaluateArgs(ctx, expr));
    if (fn.native !== undefined) return fn.native(ctx, args, expr.pos);
    const vars = fn.params.map((param, i): [string, unknown] => [param, args[i] ?? null]);
    return runBody({ module: fn.module, scope: childScope(undefined, vars) }, fn.body);
  }
  if (name === 'branchCriteria' || name === 'multiMapCriteria')
    return forkCriteria(ctx, name === 'branchCriteria' ? 'branch' : 'multiMap', expr.args, expr.pos);
  return callBuiltin(ctx, name, evaluateArgs(ctx, expr), expr.pos);
}

// The global functions scripts call.
function callBuiltin(ctx: EvalContext, name: string, args: CallArgs, pos: Position): unknown {
  const runtime = ctx.module.runtime;
  const first = args.positional[0];
  switch (name) {
    case 'println':
      runtime.console.out(`${args.positional.length === 0 ? '' : show(first)}\n`);
      return null;
    case 'print':
      runtime.console.out(show(first));
      return null;
    case 'printf':
      runtime.console.out(formatted(ctx, args.positional, pos));
      return null;
    case 'sprintf':
      return formatted(ctx, args.positional, pos);
    case 'file':
      return fileFunction(ctx, first, args.named, pos);
    case 'files':
      return matchPaths(ctx, first, args.named, pos);
    case 'env': // an environment variable of the launch, or null (reference/stdlib-namespaces: env(name))
      return process.env[show(first)] ?? null;
    case 'error':
      throw new DslAbort(show(first), { location: locate(ctx, pos) });
    case 'exit':
      throw scriptError(
        ctx,
        pos,
        `the script called exit(${show(first ?? 0)})${args.positional.length > 1 ? `: ${show(args.positional[1])}` : ''}`,
      );
    case 'record':
      // a record (strict syntax): its named fields, as a map (`r.id`, `r + record(x: 1)`)
      return new Map<unknown, unknown>(args.named);
    case 'tuple':
      return [...args.positional];
    case 'template':
      return templateFunction(ctx, first, pos);
    case 'sleep':
      return null;
    case 'groupKey':
      return new GroupKey(first, numberOf(args.positional[1]) ?? 0);
    default: {
      const near = closestMatch(name, [...ctx.module.callables.keys(), ...ctx.module.functions.keys()]);
      throw scriptError(
        ctx,
        pos,
        `unknown function \`${name}\``,
        near === undefined
          ? 'pipe knows processes, workflows, functions defined with `def`, and file(), files(), println'
          : `did you mean \`${near}\`? (a process, workflow or function of this script)`,
      );
    }
  }
}

// The method table for a receiver's type.
function tableFor(value: unknown): MethodTable<never> | undefined {
  if (typeof value === 'string') return stringMethods as MethodTable<never>;
  if (Array.isArray(value)) return listMethods as MethodTable<never>;
  if (value instanceof Map) return mapMethods as MethodTable<never>;
  if (isPath(value)) return pathMethods as MethodTable<never>;
  if (numberOf(value) !== undefined) return numberMethods as MethodTable<never>;
  return undefined;
}

// Calls `object.name(args)`.
export function callMethod(ctx: EvalContext, expr: MethodCall): unknown {
  const object = evaluate(ctx, expr.object);
  if (expr.navigation === '?.' && (object === null || object === undefined)) return null;
  if (expr.name === 'set' && (isChannel(object) || isOutputs(object))) return setTarget(ctx, object, expr);
  if (expr.name === 'tap' && (isChannel(object) || isOutputs(object))) return tapTarget(ctx, object, expr);
  if ((expr.name === 'branch' || expr.name === 'multiMap') && (isChannel(object) || isOutputs(object)))
    return applyFork(ctx, object, expr.name, expr.args, expr.pos);
  const args = evaluateArgs(ctx, expr);
  if (expr.navigation === '*.' && Array.isArray(object))
    return object.map((item) => invokeMethod(ctx, item, expr.name, args, expr.pos));
  return invokeMethod(ctx, object, expr.name, args, expr.pos);
}

// Calls a method on an evaluated receiver.
export function invokeMethod(ctx: EvalContext, object: unknown, name: string, args: CallArgs, pos: Position): unknown {
  if (typeof object === 'object' && object !== null && (object as { kind?: unknown }).kind === 'global') {
    const global = (object as { name: string }).name;
    if (global === 'Channel') return callChannelFactory(ctx, name, args, pos);
    return globalMethod(ctx, global, name, args, pos);
  }
  if (object === ctx.module.runtime.workflowMeta && (name === 'onComplete' || name === 'onError')) {
    const handler = args.positional[0];
    if (isClosure(handler)) ctx.module.runtime[name].push(() => handler.call([]));
    return null;
  }
  if (isChannel(object) || isOutputs(object)) return applyOperator(ctx, object, name, args, pos);
  if (isCallable(object) && name === 'recurse') return recursion(ctx, object, groovyArgs(args), pos);
  if (isHostObject(object)) return hostMethod(ctx, object, name, groovyArgs(args), pos);
  if (isClosure(object) && (name === 'call' || name === 'curry')) return object.call(groovyArgs(args));
  if (isQuantity(object)) {
    const result = quantityMember(object, name, groovyArgs(args));
    if (result !== undefined) return result;
  }
  const table = tableFor(object);
  const method = table !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
  if (method !== undefined)
    return (method as (c: EvalContext, s: unknown, a: readonly unknown[], p: Position) => unknown)(
      ctx,
      object,
      groovyArgs(args),
      pos,
    );
  if (name === 'toString') return show(object);
  if (name === 'equals') return show(object) === show(args.positional[0]);
  const asText = Object.hasOwn(stringMethods, name) ? stringMethods[name] : undefined;
  if (isPath(object) && asText !== undefined) return asText(ctx, object.path, groovyArgs(args), pos);
  throw scriptError(ctx, pos, `unknown method \`${name}\` on ${typeName(object)} \`${show(object)}\``);
}
