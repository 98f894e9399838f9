// `process.executor` in the config: the backend the pipeline asks for, by Nextflow's executor names.
import { ConfigError } from '../../../../engine/errors.js';
import type { DslConfig } from './config.js';
import { evaluateDirective } from '../process/directives.js';
import { childScope } from '../eval/scope.js';
import { show } from '../values/values.js';

// Nextflow executor name → pipe backend name.
export const EXECUTOR_BACKENDS: Readonly<Record<string, string>> = {
  local: 'local',
  slurm: 'slurm',
  pbs: 'pbs',
  pbspro: 'pbs',
  torque: 'pbs',
};

// The backend for a Nextflow executor name, or an error naming it and the supported ones.
export function backendForExecutor(
  executor: string,
  location?: { file: string; line: number; column: number },
): string {
  const backend = Object.hasOwn(EXECUTOR_BACKENDS, executor) ? EXECUTOR_BACKENDS[executor] : undefined;
  if (backend === undefined) {
    throw new ConfigError(`the executor \`${executor}\` is not supported`, {
      ...(location === undefined ? {} : { location }),
      hint: `supported executors: ${Object.keys(EXECUTOR_BACKENDS).join(', ')}; or choose a backend with --backend`,
    });
  }
  return backend;
}

// The backend the config's `process.executor` names (profiles applied), or undefined when it names none.
export function configBackend(config: DslConfig): string | undefined {
  const source = config.processDefaults.get('executor');
  if (source === undefined) return undefined;
  const value = evaluateDirective(source, childScope(source.ctx.scope)).positional[0];
  if (value === null || value === undefined) return undefined;
  const pos = source.value?.pos;
  return backendForExecutor(
    show(value),
    pos === undefined ? undefined : { file: source.ctx.module.file, line: pos.line, column: pos.column },
  );
}
