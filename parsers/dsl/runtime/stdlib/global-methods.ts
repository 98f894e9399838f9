// Methods of the global objects scripts use: log, Math, System, Integer.
import type { Position } from '../../syntax/ast-expressions.js';
import { groovyArgs, type CallArgs } from '../eval/arguments.js';
import type { EvalContext } from '../eval/context.js';
import { numberOf, show } from '../values/values.js';
import { scriptError } from '../eval/script-error.js';

// Calls `Global.name(args)`.
export function globalMethod(ctx: EvalContext, global: string, name: string, args: CallArgs, pos: Position): unknown {
  const values = groovyArgs(args);
  const nums = values.map((v) => numberOf(v) ?? Number(show(v)));
  const key = `${global}.${name}`;
  switch (key) {
    case 'log.info':
    case 'log.warn':
    case 'log.error':
    case 'log.debug':
    case 'log.trace':
      if (name === 'info' || name === 'warn' || name === 'error') ctx.module.runtime.console.log(name, show(values[0]));
      return null;
    case 'Math.max':
      return Math.max(...nums);
    case 'Math.min':
      return Math.min(...nums);
    case 'Math.abs':
      return Math.abs(nums[0] ?? 0);
    case 'Math.floor':
      return Math.floor(nums[0] ?? 0);
    case 'Math.ceil':
      return Math.ceil(nums[0] ?? 0);
    case 'Math.round':
      return Math.round(nums[0] ?? 0);
    case 'Math.sqrt':
      return Math.sqrt(nums[0] ?? 0);
    case 'Math.pow':
      return (nums[0] ?? 0) ** (nums[1] ?? 1);
    case 'Math.log':
      return Math.log(nums[0] ?? 0);
    case 'System.getenv':
      return values.length === 0 ? new Map(Object.entries(process.env)) : (process.env[show(values[0])] ?? null);
    case 'Integer.parseInt':
    case 'Integer.valueOf':
    case 'Long.parseLong':
      return Number.parseInt(show(values[0]), 10);
    case 'Double.parseDouble':
      return Number(show(values[0]));
    default:
      throw scriptError(ctx, pos, `\`${key}()\` is not supported`);
  }
}
