// The `runtime` object expressions see, shaped as cwltool shapes it.
// https://www.commonwl.org/v1.2/CommandLineTool.html#Runtime_environment

export interface RuntimeResources {
  readonly outdir: string;
  readonly tmpdir: string;
  readonly cores: number; // may be fractional in a ResourceRequirement; expressions see it rounded up
  readonly ram: number; // MiB
  readonly outdirSize: number; // MiB
  readonly tmpdirSize: number; // MiB
  readonly exitCode?: number; // only while collecting outputs of a CommandLineTool
}

// The object `runtime` is bound to: whole numbers of cores and MiB (rounded up), exitCode only when known.
export function runtimeContext(resources: RuntimeResources): Readonly<Record<string, string | number>> {
  const runtime: Record<string, string | number> = {
    outdir: resources.outdir,
    tmpdir: resources.tmpdir,
    cores: Math.ceil(resources.cores),
    ram: Math.ceil(resources.ram),
    outdirSize: Math.ceil(resources.outdirSize),
    tmpdirSize: Math.ceil(resources.tmpdirSize),
  };
  if (resources.exitCode !== undefined) runtime.exitCode = resources.exitCode;
  return runtime;
}
