// Finds and reads pipe's configuration files: pipe.yaml in the launch directory and the user-wide
// $XDG_CONFIG_HOME/pipe/config.yaml (~/.config/pipe/config.yaml), validated against their schemas with errors at
// file:line:col.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from '../../engine/errors.js';
import { closestMatch } from '../../parsers/common/edit-distance.js';
import { describeValue, isPlainMap } from '../../parsers/common/describe-value.js';
import { readTextFile } from '../../parsers/common/read-file.js';
import type { StructuredDocument } from '../../parsers/common/structured-document.js';
import { BACKEND_NAMES, backendConfigSchema, isBackendName } from '../../backends/registry.js';
import { parseDuration } from '../../engine/units.js';
import type { ConfigLayer } from './config-layer.js';
import type { ConfigFileData } from './config-schema.js';
import { issueError } from './config-issues.js';

export const LAUNCH_CONFIG_FILE = 'pipe.yaml';
const CONFIG_DOCS = 'docs/configuration.md';

// The configuration files that apply, most important first: the launch directory's, then the user's.
export function configFiles(launchDir: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const xdg = env.XDG_CONFIG_HOME;
  const userDir = xdg !== undefined && xdg !== '' ? xdg : join(env.HOME ?? homedir(), '.config');
  return [join(launchDir, LAUNCH_CONFIG_FILE), join(userDir, 'pipe', 'config.yaml')];
}

// Reads the files that exist (skipping `except`, the workflow itself when it is named pipe.yaml), most important
// first.
export async function loadConfigLayers(
  launchDir: string,
  env: NodeJS.ProcessEnv = process.env,
  except?: string,
): Promise<ConfigLayer[]> {
  const layers: ConfigLayer[] = [];
  for (const file of configFiles(launchDir, env)) {
    if (!existsSync(file) || (except !== undefined && resolve(except) === resolve(file))) continue;
    layers.push(await readConfigFile(file));
  }
  return layers;
}

// Reads and validates one configuration file.
export async function readConfigFile(file: string): Promise<ConfigLayer> {
  // The YAML parser loads only when there is a file to read: most runs have none.
  const { loadStructuredDocument } = await import('../../parsers/common/structured-document.js');
  const doc = loadStructuredDocument(file, await readTextFile(file), 'yaml');
  if (doc.value === null || doc.value === undefined) return { source: file };
  if (!isPlainMap(doc.value)) {
    throw new ConfigError(`expected a map of settings, got ${describeValue(doc.value)}`, {
      location: doc.locate([]),
      hint: 'write settings as `key: value` lines, e.g. `backend: slurm`',
    });
  }
  const { configFileSchema, CONFIG_KEYS } = await import('./config-schema.js');
  const parsed = configFileSchema.safeParse(doc.value);
  if (!parsed.success) throw issueError(doc, [], parsed.error.issues[0]!, CONFIG_KEYS, CONFIG_DOCS);
  const data = parsed.data;
  if (data.backend !== undefined) checkBackendName(doc, ['backend'], data.backend, 'value');
  const backends: Record<string, Readonly<Record<string, unknown>>> = {};
  for (const [name, options] of Object.entries(data.backends ?? {})) {
    checkBackendName(doc, ['backends', name], name, 'key');
    backends[name] = await checkBackendOptions(doc, name, options ?? {});
  }
  return { source: file, ...data, backends, monitoring: monitoringSetting(doc, data.monitoring) };
}

// `monitoring:` as a setting: a boolean, or on with the interval in milliseconds.
function monitoringSetting(doc: StructuredDocument, value: ConfigFileData['monitoring']): ConfigLayer['monitoring'] {
  if (value === undefined || typeof value === 'boolean') return value;
  const intervalMs = parseDuration(value.interval);
  if (intervalMs === undefined || intervalMs < 10) {
    throw new ConfigError(`expected a sampling interval of at least 10ms, got ${describeValue(value.interval)}`, {
      location: doc.locate(['monitoring', 'interval'], 'value'),
      hint: "write a duration such as '500ms' or '2s'",
    });
  }
  return { intervalMs };
}

// A backend name must be a registered one.
function checkBackendName(doc: StructuredDocument, path: readonly string[], name: string, part: 'key' | 'value'): void {
  if (isBackendName(name)) return;
  const near = closestMatch(name, BACKEND_NAMES);
  throw new ConfigError(`unknown backend ${describeValue(name)}`, {
    location: doc.locate(path, part),
    hint: `${near === undefined ? '' : `did you mean \`${near}\`? `}backends: ${BACKEND_NAMES.join(', ')}`,
  });
}

// Validates one backend's section against that backend's own schema.
async function checkBackendOptions(
  doc: StructuredDocument,
  name: string,
  options: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (!isBackendName(name)) return options;
  const schema = await backendConfigSchema(name);
  const parsed = schema.safeParse(options);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  throw issueError(
    doc,
    ['backends', name],
    parsed.error.issues[0]!,
    Object.keys(shape ?? {}),
    `docs/backends.md (${name})`,
  );
}
