// nf-schema built in: `include { validateParameters; paramsSummaryLog; paramsSummaryMap; paramsHelp;
// samplesheetToList } from 'plugin/nf-schema'` (and the older 'plugin/nf-validation' names) without a plugin download.
import type { Position } from '../../syntax/ast-expressions.js';
import type { EvalContext } from '../eval/context.js';
import { scriptError } from '../eval/script-error.js';
import { isPath, numberOf, show, truthy } from '../values/values.js';
import { toPlain } from '../groovy/plain.js';
import { helpMessage } from './help.js';
import { parameterErrors } from './messages.js';
import { SamplesheetInvalid, samplesheetToList } from './samplesheet.js';
import { paramsByGroup, schemaPath, validationConfig, type ValidationConfig } from './schema-params.js';
import { queueOf } from '../channels/channel.js';
import { paramsSummaryLog, paramsSummaryMap } from './summary.js';
import { readSchema, validateData } from './validator.js';

export type PluginFunction = (ctx: EvalContext, args: readonly unknown[], pos: Position) => unknown;

// The options map a call may start with (`paramsSummaryMap(workflow, parameters_schema: "x.json")`).
function optionsOf(args: readonly unknown[]): Map<unknown, unknown> {
  return args.find((a): a is Map<unknown, unknown> => a instanceof Map && a !== undefined) ?? new Map();
}

function configOf(ctx: EvalContext): ValidationConfig {
  return validationConfig(ctx.module.runtime.settings);
}

function schemaFileOf(ctx: EvalContext, options: Map<unknown, unknown>): string {
  const file = options.get('parameters_schema') ?? configOf(ctx).parametersSchema;
  return schemaPath(ctx.module.runtime.projectDir, show(file));
}

// The parameters nf-validation (the older plugin) sets itself and never reports as unexpected.
const NF_VALIDATION_PARAMS = [
  'validationFailUnrecognisedParams',
  'validationLenientMode',
  'monochrome_logs',
  'help',
  'validationShowHiddenParams',
  'validationSchemaIgnoreParams',
  'validationImmutableMeta',
  'schemaIgnoreParams',
];

// Validates the params against the schema; fails the run with nf-schema's message. nf-validation (`legacy`) also
// ignores its own parameters and the comma-separated names of `params.validationSchemaIgnoreParams`.
function validateParameters(ctx: EvalContext, args: readonly unknown[], pos: Position, legacy = false): unknown {
  const nfSchema = configOf(ctx);
  const listed = legacy ? show(ctx.module.runtime.params.get('validationSchemaIgnoreParams') ?? '') : '';
  const legacyIgnored = legacy ? [...NF_VALIDATION_PARAMS, ...listed.split(',').filter((p) => p !== '')] : [];
  const config = { ...nfSchema, ignoreParams: [...nfSchema.ignoreParams, ...legacyIgnored] };
  const params = toPlain(cleanParameters(ctx.module.runtime.params)) as Record<string, unknown>;
  const schemaFile = schemaFileOf(ctx, optionsOf(args));
  const failures = validateData(readSchema(schemaFile), params, ctx.module.runtime.launchDir);
  const ignored = config.ignoreParams.map((p) => `* --${p}`);
  const lines = parameterErrors(failures).filter((line) => !ignored.some((p) => line.startsWith(p)));
  const known = new Set(['help', 'helpFull', 'showHidden', config.help.fullParameter, config.help.showHiddenParameter]);
  const unexpected = Object.keys(params).filter(
    (name) => !declared(schemaFile).has(name) && !known.has(name) && !config.ignoreParams.includes(name),
  );
  if (unexpected.length > 0 && lines.length === 0)
    ctx.module.runtime.console.log(
      'warn',
      `The following invalid input values have been detected:\n\n${unexpected.map((n) => `* --${n}: ${show(params[n])}`).join('\n')}\n`,
    );
  if (lines.length > 0)
    throw scriptError(
      ctx,
      pos,
      `Validation of pipeline parameters failed!\nThe following invalid input values have been detected:\n\n${lines.join('\n').trim()}\n`,
      `the parameters are checked against ${schemaFile}`,
    );
  return null;
}

// The parameters nf-schema validates: those with a false Groovy truth (null, false, '', [], [:]) are left out, zero
// kept, nested maps cleaned the same way; `adapter_fasta = []` in a config is then no list against a string type.
function cleanParameters(params: ReadonlyMap<unknown, unknown>): Map<unknown, unknown> {
  const kept = [...params].filter(([, value]) => truthy(value) || numberOf(value) === 0);
  return new Map(kept.map(([key, value]) => [key, value instanceof Map ? cleanParameters(value) : value]));
}

// Every parameter name the schema declares, in any group.
function declared(schemaFile: string): Set<string> {
  const schema = readSchema(schemaFile);
  const names = new Set(Object.keys((schema.properties ?? {}) as object));
  for (const group of Object.values(
    (schema.$defs ?? schema.definitions ?? {}) as Record<string, { properties?: object }>,
  ))
    for (const name of Object.keys(group.properties ?? {})) names.add(name);
  return names;
}

// `samplesheetToList(file, schema)`: the validated entries as lists, [meta, values…].
function toList(ctx: EvalContext, args: readonly unknown[], pos: Position): unknown {
  const [sheet, schema] = args.filter((a) => !(a instanceof Map));
  const text = (v: unknown): string => (isPath(v) ? v.path : show(v));
  try {
    return samplesheetToList(
      text(sheet),
      schemaPath(ctx.module.runtime.projectDir, text(schema)),
      ctx.module.runtime.launchDir,
    );
  } catch (error) {
    if (error instanceof SamplesheetInvalid)
      throw scriptError(
        ctx,
        pos,
        `Validation of samplesheet failed!\n${error.message}`,
        `the samplesheet is checked against ${text(schema)}`,
      );
    throw error;
  }
}

// nf-validation's `fromSamplesheet('input')`: a channel of the entries of the samplesheet a parameter names, checked
// against the schema that parameter's `schema` keyword names in nextflow_schema.json.
function fromSamplesheet(ctx: EvalContext, args: readonly unknown[], pos: Position): unknown {
  const name = show(args.find((a) => typeof a === 'string') ?? '');
  const schemaFile = schemaFileOf(ctx, optionsOf(args));
  const property = [...paramsByGroup(schemaFile).values()].find((group) => group.has(name))?.get(name);
  const sheetSchema = property?.['schema'];
  if (typeof sheetSchema !== 'string')
    throw scriptError(
      ctx,
      pos,
      `fromSamplesheet('${name}'): the parameter \`${name}\` names no samplesheet schema in ${schemaFile}`,
      'give the parameter a `schema` keyword naming the samplesheet schema (assets/schema_input.json)',
    );
  const entries = toList(ctx, [ctx.module.runtime.params.get(name), sheetSchema], pos);
  return queueOf(Array.isArray(entries) ? entries : []);
}

const FUNCTIONS: Readonly<Record<string, PluginFunction>> = {
  validateParameters,
  samplesheetToList: toList,
  fromSamplesheet,
  paramsSummaryMap: (ctx, args) =>
    paramsSummaryMap(
      schemaFileOf(ctx, optionsOf(args)),
      ctx.module.runtime.params,
      ctx.module.runtime.workflowMeta,
      configOf(ctx),
    ),
  paramsSummaryLog: (ctx, args) => {
    const config = configOf(ctx);
    const summary = paramsSummaryMap(
      schemaFileOf(ctx, optionsOf(args)),
      ctx.module.runtime.params,
      ctx.module.runtime.workflowMeta,
      config,
    );
    return paramsSummaryLog(summary, config);
  },
  paramsHelp: (ctx, args) => {
    const config = configOf(ctx);
    const command = args.find((a) => typeof a === 'string');
    const withCommand = command === undefined ? config : { ...config, help: { ...config.help, command } };
    return helpMessage(
      schemaFileOf(ctx, optionsOf(args)),
      withCommand,
      truthy(ctx.module.runtime.params.get(config.help.showHiddenParameter)),
    );
  },
};

// The functions a plugin include may name, or undefined when pipe does not build the plugin in.
export function pluginFunctions(source: string): Readonly<Record<string, PluginFunction>> | undefined {
  if (source === 'plugin/nf-schema') return FUNCTIONS;
  if (source === 'plugin/nf-validation')
    return { ...FUNCTIONS, validateParameters: (ctx, args, pos) => validateParameters(ctx, args, pos, true) };
  return undefined;
}

// The help text `--help` prints when the validation scope enables it, or undefined when help was not asked for.
export function requestedHelp(
  projectDir: string,
  settings: ReadonlyMap<string, unknown>,
  params: ReadonlyMap<unknown, unknown>,
): string | undefined {
  const config = validationConfig(settings);
  if (!config.help.enabled) return undefined;
  const short = params.get(config.help.shortParameter);
  const full = params.get(config.help.fullParameter);
  if (!truthy(short) && !truthy(full)) return undefined;
  const showHidden = truthy(params.get(config.help.showHiddenParameter)) || truthy(full);
  const one = typeof short === 'string' ? short : undefined;
  return helpMessage(schemaPath(projectDir, config.parametersSchema), config, showHidden, one);
}
