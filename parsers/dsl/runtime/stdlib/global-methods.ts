// Methods of the global objects scripts use: log, Math, System, Integer, String.
import { homedir, tmpdir, userInfo } from 'node:os';
import type { Position } from '../../syntax/ast-expressions.js';
import { groovyArgs, type CallArgs } from '../eval/arguments.js';
import type { EvalContext } from '../eval/context.js';
import { numberOf, show } from '../values/values.js';
import { scriptError } from '../eval/script-error.js';
import { FormatError, javaFormat } from './java-format.js';

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
    case 'System.getProperty':
      return systemProperties(ctx).get(show(values[0])) ?? (values.length > 1 ? values[1] : null);
    case 'System.currentTimeMillis':
      return Date.now();
    case 'System.nanoTime':
      return Math.round(performance.now() * 1e6);
    case 'System.getenv':
      return values.length === 0 ? new Map(Object.entries(process.env)) : (process.env[show(values[0])] ?? null);
    case 'Integer.parseInt':
    case 'Integer.valueOf':
    case 'Long.parseLong':
      return Number.parseInt(show(values[0]), 10);
    case 'Double.parseDouble':
      return Number(show(values[0]));
    case 'String.format':
      return formatted(ctx, values, pos);
    case 'String.valueOf':
      return show(values[0] ?? null);
    default:
      throw scriptError(ctx, pos, `\`${key}()\` is not supported`);
  }
}

// `String.format(format, args…)`, `sprintf` and `printf`: Java's format string filled in; a bad one is an error here.
export function formatted(ctx: EvalContext, values: readonly unknown[], pos: Position): string {
  const [format, ...args] = values;
  try {
    return javaFormat(show(format ?? null), args);
  } catch (error) {
    if (error instanceof FormatError)
      throw scriptError(ctx, pos, `cannot format ${JSON.stringify(show(format ?? null))}: ${error.message}`);
    throw error;
  }
}

// Java's system properties as a script reads them (`System.properties['os.name']`): the host's, as the JVM gives them.
function systemProperties(ctx: EvalContext): Map<unknown, unknown> {
  const os = { linux: 'Linux', darwin: 'Mac OS X', win32: 'Windows' }[process.platform as string] ?? process.platform;
  return new Map<unknown, unknown>([
    ['os.name', os],
    ['os.arch', process.arch === 'x64' ? 'amd64' : process.arch],
    ['user.name', userInfo().username],
    ['user.home', homedir()],
    ['user.dir', ctx.module.runtime.launchDir],
    ['java.io.tmpdir', tmpdir()],
    ['file.separator', '/'],
    ['path.separator', ':'],
    ['line.separator', '\n'],
  ]);
}

// A property of a global (`System.properties`, `Integer.MAX_VALUE`), or undefined when pipe has none by that name.
export function globalProperty(ctx: EvalContext, global: string, name: string): unknown {
  switch (`${global}.${name}`) {
    case 'System.properties':
      return systemProperties(ctx);
    case 'Integer.MAX_VALUE':
      return 2147483647;
    case 'Integer.MIN_VALUE':
      return -2147483648;
    case 'Long.MAX_VALUE':
      return Number.MAX_SAFE_INTEGER;
    default:
      return undefined;
  }
}
