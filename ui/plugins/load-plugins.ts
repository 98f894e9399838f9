// Finds, loads and creates the plugins a run names: built-in names (weblog, audit), file paths (from the launch
// dir) and npm package names (resolved from the launch dir), each with its options checked by its own zod schema.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../../engine/errors.js';
import { auditPlugin } from './builtin/audit.js';
import { importModule } from './import-module.js';
import { weblogPlugin } from './builtin/weblog.js';
import type { ActivePlugin } from './plugin-host.js';
import type { PipePlugin, PluginContext } from './types.js';

export interface PluginSpec {
  readonly source: string; // a built-in name, a path, or an npm package name
  readonly options?: unknown;
  readonly origin: string; // where it was named, for errors: "--plugin", "pipe.yaml"
}

const BUILTIN: Readonly<Record<string, PipePlugin<never>>> = {
  weblog: weblogPlugin as PipePlugin<never>,
  audit: auditPlugin as PipePlugin<never>,
};

const looksLikePath = (source: string): boolean =>
  source.startsWith('.') || isAbsolute(source) || /\.(m?js|cjs)$/.test(source);

// The module's plugin: its default export or its `plugin` export.
function pluginOf(module: Record<string, unknown>, spec: PluginSpec): PipePlugin {
  const candidate = (module.default ?? module.plugin) as Partial<PipePlugin> | undefined;
  if (candidate === undefined || typeof candidate.create !== 'function' || typeof candidate.name !== 'string') {
    throw new ConfigError(`plugin "${spec.source}" (${spec.origin}) exports no plugin`, {
      hint: 'export default { name, create(options, context) { return { onReturned(task, outcome) { … } } } }',
    });
  }
  return candidate as PipePlugin;
}

// Imports a plugin module named by path or package.
async function importPlugin(spec: PluginSpec, launchDir: string): Promise<PipePlugin> {
  const builtin = BUILTIN[spec.source];
  if (builtin !== undefined) return builtin as PipePlugin;
  let url: string;
  try {
    url = looksLikePath(spec.source)
      ? pathToFileURL(resolve(launchDir, spec.source)).href
      : pathToFileURL(createRequire(join(launchDir, 'package.json')).resolve(spec.source)).href;
  } catch (error) {
    throw new ConfigError(`plugin "${spec.source}" (${spec.origin}) cannot be found from ${launchDir}`, {
      cause: error,
      hint: `built-in plugins are ${Object.keys(BUILTIN).join(', ')}; give a file path, or npm install the package here`,
    });
  }
  let module: Record<string, unknown>;
  try {
    module = await importModule(url);
  } catch (error) {
    throw new ConfigError(
      `plugin "${spec.source}" (${spec.origin}) failed to load: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error, hint: 'a plugin is an ES module; check it with `node --check FILE`' },
    );
  }
  return pluginOf(module, spec);
}

// Loads and creates every plugin; a plugin whose options its schema refuses is a configuration error.
export async function loadPlugins(
  specs: readonly PluginSpec[],
  launchDir: string,
  log: (line: string) => void,
): Promise<ActivePlugin[]> {
  const active: ActivePlugin[] = [];
  for (const spec of specs) {
    const plugin = await importPlugin(spec, launchDir);
    let options: unknown = spec.options ?? {};
    if (plugin.options !== undefined) {
      const parsed = plugin.options.safeParse(options);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
        throw new ConfigError(
          `plugin ${plugin.name} (${spec.origin}): invalid options${where}: ${issue?.message ?? 'refused'}`,
          { hint: `options given: ${JSON.stringify(options)}` },
        );
      }
      options = parsed.data;
    }
    const context: PluginContext = { launchDir, log: (line) => log(`plugin ${plugin.name}: ${line}`) };
    const hooks = await plugin.create(options as never, context);
    active.push({ name: plugin.name, hooks });
  }
  return active;
}

// `--plugin PATH[?k=v&…]` specs and the `plugins:` list of pipe.yaml as one list.
export function pluginSpecs(cli: readonly string[] | undefined, config: readonly unknown[] | undefined): PluginSpec[] {
  const specs: PluginSpec[] = [];
  for (const entry of config ?? []) {
    if (typeof entry === 'string') specs.push({ source: entry, origin: 'pipe.yaml' });
    else {
      const { source, options } = entry as { source: string; options?: unknown };
      specs.push({ source, options, origin: 'pipe.yaml' });
    }
  }
  for (const arg of cli ?? []) {
    const at = arg.indexOf('?');
    const source = at < 0 ? arg : arg.slice(0, at);
    const options = at < 0 ? undefined : Object.fromEntries(new URLSearchParams(arg.slice(at + 1)));
    specs.push({ source, options, origin: '--plugin' });
  }
  return specs;
}

// Whether `name` names a plugin pipe can load: a built-in one, or a package installed in the launch directory.
export function isPipePlugin(name: string, launchDir: string): boolean {
  return Object.hasOwn(BUILTIN, name) || existsSync(join(launchDir, 'node_modules', name, 'package.json'));
}
