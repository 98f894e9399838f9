// The container of each process of a loaded pipeline, without running a task (`pipe inspect`, Nextflow's
// ContainersInspector): every process definition of every loaded script, by its declared name, with its `container`
// directive evaluated as a task preview sees it (config defaults and selectors applied, `task.ext` and `params`
// known, no inputs bound), under the rules of the container engine the config enables.
import type { ProcessContainer } from '../../../../engine/graph.js';
import { ContainerError } from '../../../../engine/container/index.js';
import type { EvalContext } from '../eval/context.js';
import { childScope } from '../eval/scope.js';
import { containerImage } from '../process/container.js';
import { evaluateDirective } from '../process/directives.js';
import { directiveSources } from '../process/settings.js';
import { show } from '../values/values.js';
import type { LoadedModule } from './module-loader.js';
import type { Pipeline } from './pipeline.js';

// Every process's container, in the order the scripts were loaded; a process whose container cannot be evaluated
// (it reads an input) is an error, or with `ignoreErrors` a warning and left out, as Nextflow's `-ignore-errors`.
export function processContainers(
  modules: readonly LoadedModule[],
  pipeline: Pipeline,
  ignoreErrors: boolean,
  warn: (message: string) => void,
): ProcessContainer[] {
  const found = new Map<string, string | null>();
  for (const loaded of modules) {
    for (const [name, def] of loaded.definitions) {
      if (def.kind !== 'process') continue;
      try {
        const ctx: EvalContext = { module: loaded.module, scope: childScope(undefined) };
        const sources = directiveSources(def, name, pipeline.config, ctx);
        const ext = new Map<unknown, unknown>();
        const task = new Map<unknown, unknown>([
          ['index', 1],
          ['attempt', 1],
          ['process', name],
          ['name', name],
          ['ext', ext],
          ['cpus', 1],
        ]);
        const scope = childScope(ctx.scope, [['task', task]]);
        // `ext` values are read only when the container uses them; one that needs an input is left out
        for (const [key, list] of sources) {
          if (key !== 'ext' && !key.startsWith('ext.')) continue;
          for (const source of list) {
            try {
              const value = evaluateDirective(source, scope);
              if (key === 'ext') for (const [k, v] of value.named) ext.set(k, v);
              else ext.set(key.slice(4), value.positional[0] ?? null);
            } catch {
              // Nextflow evaluates ext lazily: an unreadable one matters only if the container reads it
            }
          }
        }
        const list = sources.get('container') ?? [];
        const last = list[list.length - 1];
        const value = last === undefined ? undefined : evaluateDirective(last, scope).positional[0];
        found.set(name, imageOf(value, pipeline, name));
      } catch (error) {
        if (!ignoreErrors) throw error;
        warn(`cannot inspect the container of process \`${name}\`: ${(error as Error).message}`);
      }
    }
  }
  return [...found].map(([name, container]) => ({ name, container }));
}

// The image a container value stands for: as the enabled engine resolves it (registry prefix, a Singularity
// image's Docker origin), else as written; null when the process names none.
function imageOf(value: unknown, pipeline: Pipeline, process: string): string | null {
  if (value === undefined || value === null || value === false) return null;
  const written = show(value).trim();
  if (written === '') return null;
  if (pipeline.containers === undefined) return written;
  try {
    return containerImage(value, pipeline.containers.settings, process) ?? null;
  } catch (error) {
    if (error instanceof ContainerError) return written; // an image file or URL podman cannot run: shown as named
    throw error;
  }
}
