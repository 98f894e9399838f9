// The parameters a pipeline's nextflow_schema.json declares, by group (`$defs` titles; loose ones under
// "Other parameters"), and the `validation` config scope nf-schema reads.
import { isAbsolute, join } from 'node:path';
import { show, truthy } from '../values/values.js';
import { readSchema } from './validator.js';

export type ParamSchema = Record<string, unknown>;

// What nf-schema's `validation { … }` scope sets, with nf-schema's defaults.
export interface ValidationConfig {
  readonly parametersSchema: string;
  readonly monochromeLogs: boolean;
  readonly ignoreParams: readonly string[];
  readonly help: {
    readonly enabled: boolean;
    readonly shortParameter: string;
    readonly fullParameter: string;
    readonly showHiddenParameter: string;
    readonly command: string;
    readonly beforeText: string;
    readonly afterText: string;
  };
  readonly summary: { readonly beforeText: string; readonly afterText: string; readonly hideParams: readonly string[] };
}

// Reads the validation scope from the config settings (`validation.help.enabled`, …).
export function validationConfig(settings: ReadonlyMap<string, unknown>): ValidationConfig {
  const text = (key: string, fallback = ''): string => {
    const value = settings.get(`validation.${key}`);
    return value === undefined || value === null ? fallback : show(value);
  };
  const list = (key: string): string[] => {
    const value = settings.get(`validation.${key}`);
    return Array.isArray(value) ? value.map(show) : [];
  };
  return {
    parametersSchema: text('parametersSchema', 'nextflow_schema.json'),
    monochromeLogs: truthy(settings.get('validation.monochromeLogs')),
    ignoreParams: [...list('defaultIgnoreParams'), ...list('ignoreParams'), 'nf_test_output'],
    help: {
      enabled: truthy(settings.get('validation.help.enabled')),
      shortParameter: text('help.shortParameter', 'help'),
      fullParameter: text('help.fullParameter', 'helpFull'),
      showHiddenParameter: text('help.showHiddenParameter', 'showHidden'),
      command: text('help.command'),
      beforeText: text('help.beforeText'),
      afterText: text('help.afterText'),
    },
    summary: {
      beforeText: text('summary.beforeText'),
      afterText: text('summary.afterText'),
      hideParams: list('summary.hideParams'),
    },
  };
}

// The schema file: absolute, or relative to the project directory.
export function schemaPath(projectDir: string, file: string): string {
  return isAbsolute(file) ? file : join(projectDir, file);
}

// Group title → parameter name → its schema, in the schema's order.
export function paramsByGroup(schemaFile: string): Map<string, Map<string, ParamSchema>> {
  const schema = readSchema(schemaFile);
  const groups = new Map<string, Map<string, ParamSchema>>();
  const defs = (schema.$defs ?? schema.definitions ?? {}) as Record<string, ParamSchema>;
  for (const [key, group] of Object.entries(defs)) {
    const title = typeof group.title === 'string' ? group.title : key;
    groups.set(title, new Map(Object.entries((group.properties ?? {}) as Record<string, ParamSchema>)));
  }
  const loose = Object.entries((schema.properties ?? {}) as Record<string, ParamSchema>);
  if (loose.length > 0) groups.set('Other parameters', new Map(loose));
  return groups;
}
