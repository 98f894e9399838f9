// The strict syntax's `params { name: Type [= default] }` block: declared params take their value from outside
// (config, params file, command line) converted to their type, else their default; a param without a default is
// required unless nullable (`Path?`) or Boolean (false); a command-line param the script does not declare is an error.
import type { ParamsBlock } from '../../syntax/ast-script.js';
import { type EvalContext, evaluate } from '../eval/context.js';
import { scriptError } from '../eval/script-error.js';
import { absolutePath } from '../stdlib/files.js';
import { numberOf, pathValue, show, truthy } from '../values/values.js';
import type { ParamsMap } from './params.js';

// Declares the block's params in `params`; `configured` are the names the config sets.
export function declareParams(
  ctx: EvalContext,
  block: ParamsBlock,
  params: ParamsMap,
  configured: ReadonlySet<string>,
): void {
  const declared = new Set(block.params.map((p) => p.name));
  for (const name of params.fromCommandLine) {
    const key = String(name);
    if (!declared.has(key) && !configured.has(key))
      throw scriptError(
        ctx,
        block.pos,
        `Parameter \`${key}\` was specified on the command line or params file but is not declared in the script or config`,
        `declare it in the \`params { }\` block, or check its spelling (declared: ${[...declared].join(', ')})`,
      );
  }
  for (const param of block.params) {
    const nullable = param.type.endsWith('?');
    const type = nullable ? param.type.slice(0, -1) : param.type;
    if (params.fixed.has(param.name)) {
      params.fix(param.name, convert(ctx, params.get(param.name), type, param.pos));
      continue;
    }
    if (param.value !== undefined) params.set(param.name, convert(ctx, evaluate(ctx, param.value), type, param.pos));
    else if (nullable) params.set(param.name, null);
    else if (type === 'Boolean') params.set(param.name, false);
    else
      throw scriptError(
        ctx,
        param.pos,
        `Parameter \`${param.name}\` is required but was not specified on the command line, params file or config`,
        `give it with --${param.name} VALUE, or declare a default: \`${param.name}: ${param.type} = …\``,
      );
  }
}

// A param's value as its declared type: text, a number, a boolean, a path; other types as given.
function convert(ctx: EvalContext, value: unknown, type: string, pos: EvalPos): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'String':
      return show(value);
    case 'Integer':
    case 'Float':
    case 'Double':
    case 'Number': {
      const number = numberOf(typeof value === 'string' ? Number(value) : value);
      if (number === undefined || Number.isNaN(number) || (type === 'Integer' && !Number.isInteger(number)))
        throw scriptError(ctx, pos, `a param of type ${type} got \`${show(value)}\``, `give a number`);
      return number;
    }
    case 'Boolean':
      return typeof value === 'string' ? value === 'true' : truthy(value);
    case 'Path':
      return pathValue(absolutePath(ctx, value));
    default:
      return value;
  }
}

type EvalPos = Parameters<typeof scriptError>[1];
