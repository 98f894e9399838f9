// The shape of a row of pipe's table of Nextflow options (options.ts assembles the table from its parts).

// How an option takes its value.
export type NfArity =
  | 'flag' // no value; a following `true`/`false` is taken as its value (JCommander's booleans)
  | 'value' // exactly one value, whatever it looks like
  | 'list' // one value, repeatable (-c)
  | 'optional' // a value unless nothing follows or the next word starts with `-` (Nextflow's normalizeArgs)
  | 'boolean' // `true` or `false`; nothing or an option after it means `true` (-ansi-log)
  | 'resume'; // `-resume [RUN]`: takes the next word only when it names a run

// Where an option may stand: after `run` (CmdRun), before it (the launcher's CliOptions), or both.
export type NfPlace = 'run' | 'launcher' | 'both';

export interface NfOption {
  readonly names: readonly string[]; // Nextflow's spellings, the first one canonical
  readonly arity: NfArity;
  readonly key: string; // the `pipe run` setting it fills (a RunOptions key)
  readonly place: NfPlace;
  readonly help: string;
  readonly pipe?: string; // pipe's spelling of the same setting for other formats, for docs/configuration.md
  readonly extra?: true; // pipe's own, not Nextflow's: pipe options that Nextflow has no spelling for
}

// Options Nextflow has that pipe does not honour: accepted nowhere, each rejected with its reason.
export interface NfUnsupported {
  readonly names: readonly string[];
  readonly reason: string;
}
