// One source of settings — the command line, a configuration file, or the workflow's own configuration — in the
// shape every source shares, so that merging them is one loop in precedence order.

// Run defaults a source may set; each stands for the `pipe run` option of the same name.
export interface RunDefaults {
  readonly jobs?: number | undefined;
  readonly retries?: number | undefined;
  readonly retryDelay?: number | undefined; // ms
  readonly keepGoing?: boolean | undefined;
  readonly workDir?: string | undefined; // relative paths are taken from the launch directory
  // Record what every task uses (docs/monitoring.md): on, off, or on with a sampling interval.
  readonly monitoring?: boolean | { readonly intervalMs: number } | undefined;
}

export interface ConfigLayer extends RunDefaults {
  readonly source: string; // how messages name it: a file path, "the command line", "the workflow's configuration"
  readonly backend?: string | undefined;
  readonly backends?: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined; // options by backend name
  // Plugins to load (docs/plugins.md): a name, path or package, or { source, options }.
  readonly plugins?: readonly (string | { readonly source: string; readonly options?: unknown })[] | undefined;
}
