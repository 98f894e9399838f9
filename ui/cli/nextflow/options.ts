// The options of `nextflow run` (and the launcher options before `run`), as pipe reads them for `.nf` runs: one row
// per option with its Nextflow names, how many values it takes, and the `pipe run` setting it stands for.
// Names, arities and defaults follow Nextflow's CmdRun.groovy, CliOptions.groovy and Launcher.normalizeArgs:
// https://github.com/nextflow-io/nextflow/tree/master/modules/nf-cli-v1/src/main/groovy/nextflow/cli

import type { NfOption } from './option-types.js';
import { NF_CONTAINER_OPTIONS } from './container-options.js';
import { NF_PIPE_OPTIONS } from './pipe-options.js';
import { NF_REPORT_OPTIONS } from './report-options.js';
import { NF_RUN_OPTIONS } from './run-options.js';
import { NF_UNSUPPORTED, NF_UNSUPPORTED_PREFIXES } from './unsupported-options.js';

export type { NfArity, NfOption, NfPlace, NfUnsupported } from './option-types.js';

// Every option pipe reads in a `.nf` run, in the order `pipe run x.nf -h` lists them.
export const NF_OPTIONS: readonly NfOption[] = [
  ...NF_RUN_OPTIONS,
  ...NF_REPORT_OPTIONS,
  ...NF_CONTAINER_OPTIONS,
  ...NF_PIPE_OPTIONS,
];

// The option spelled `name`, if pipe knows it.
export function findNfOption(name: string): NfOption | undefined {
  return NF_OPTIONS.find((option) => option.names.includes(name));
}

// Why pipe rejects the Nextflow option `name`, if Nextflow has it.
export function unsupportedNfOption(name: string): string | undefined {
  const exact = NF_UNSUPPORTED.find((option) => option.names.includes(name));
  if (exact !== undefined) return exact.reason;
  return NF_UNSUPPORTED_PREFIXES.find((option) => option.names.some((prefix) => name.startsWith(prefix)))?.reason;
}

// Every spelling pipe accepts, for "did you mean" hints.
export const NF_OPTION_NAMES: readonly string[] = NF_OPTIONS.flatMap((option) => option.names);
