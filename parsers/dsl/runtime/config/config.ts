// nextflow.config: params, process defaults and selectors, env, executor, profiles and includeConfig.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseConfig } from '../../syntax/index.js';
import type { ConfigItem } from '../../syntax/ast-config.js';
import type { Expression } from '../../syntax/ast-expressions.js';
import { ConfigError, PipeError } from '../../../../engine/errors.js';
import { type DslModule, type EvalContext, evaluate, runBody } from '../eval/context.js';
import type { DirectiveSource } from '../process/directives.js';
import { childScope, type Scope } from '../eval/scope.js';
import { show } from '../values/values.js';

// A withName/withLabel block: which processes it applies to, and its settings.
export interface ProcessSelector {
  readonly kind: 'withName' | 'withLabel';
  readonly pattern: string;
  readonly settings: Map<string, DirectiveSource>;
}

export interface DslConfig {
  readonly params: Map<string, unknown>;
  readonly fixedParams: ReadonlySet<string>; // given on the command line or in a params file: assignments keep them
  readonly declaredParams: Set<string>; // the params the config files assign
  readonly processDefaults: Map<string, DirectiveSource>;
  readonly selectors: ProcessSelector[];
  readonly env: Map<string, string>;
  readonly settings: Map<string, unknown>; // other scopes, recorded (`executor.queueSize`, `docker.enabled`, …)
  // Every `name = value` in the order applied, with the profile it came from, for `pipe config`.
  readonly trail: ConfigEntry[];
  readonly profiles: Set<string>; // the profiles the files define
  profile?: string | undefined; // the profile being applied
  commandLine?: boolean; // true while `-process.*` / `-executor.*` settings of the command line are applied
}

// One assignment of a config file: its full name, its value (evaluated when printed) and its profile, if any.
export interface ConfigEntry {
  readonly path: readonly string[];
  readonly value: Expression;
  readonly ctx: EvalContext;
  readonly profile: string | undefined;
  readonly commandLine: boolean; // set by `-process.NAME` / `-executor.NAME`, not in a file
}

// The settings of the `workflow` scope the run reads; onComplete/onError are handlers the session calls.
const WORKFLOW_SETTINGS: ReadonlySet<string> = new Set(['output', 'failOnIgnore', 'onComplete', 'onError']);

// Scopes pipe records without applying; anything else is an error.
const RECORDED_SCOPES: ReadonlySet<string> = new Set([
  'manifest',
  'docker',
  'singularity',
  'apptainer',
  'podman',
  'charliecloud',
  'shifter',
  'sarus',
  'udocker',
  'conda',
  'spack',
  'wave',
  'fusion',
  'tower',
  'timeline',
  'report',
  'trace',
  'dag',
  'executor',
  'notification',
  'mail',
  'plugins',
  'cleanup',
  'workDir',
  'nextflow',
  'aws',
  'google',
  'azure',
  'k8s',
  'weblog',
  'validation',
  'lineage',
  'outputDir',
  'resume',
  'dumpHashes',
  'seqera',
]);

// Loads the project's nextflow.config (if any), then `-c` files, applying the named profiles. `overrides` are the
// params given on the command line and in a params file: config expressions see them, config assignments keep them.
export function loadConfig(
  files: readonly string[],
  requested: readonly string[],
  module: DslModule,
  overrides: ReadonlyMap<string, unknown> = new Map(),
  commandLine: readonly string[] = [],
): DslConfig {
  const profiles = requested.length === 0 ? ['standard'] : requested; // Nextflow applies `standard` when none is named
  const config: DslConfig = {
    params: new Map(overrides),
    fixedParams: new Set(overrides.keys()),
    declaredParams: new Set(),
    processDefaults: new Map(),
    selectors: [],
    env: new Map(),
    settings: new Map(),
    trail: [],
    profiles: new Set(),
  };
  const seenProfiles = config.profiles;
  for (const file of files) if (existsSync(file)) applyFile(config, file, profiles, seenProfiles, module);
  if (commandLine.length > 0) {
    const text = commandLine.map(commandLineSetting).join('\n');
    const ctx: EvalContext = { module, scope: childScope(undefined) };
    config.commandLine = true;
    applyItems(config, parseConfig(text, 'the command line').body, [], ctx, profiles, seenProfiles);
    config.commandLine = false;
  }
  const missing = requested.filter((p) => !seenProfiles.has(p));
  if (missing.length > 0) {
    // Nextflow's wording, which users and scripts grep for
    throw new ConfigError(`Unknown configuration profile: '${missing.join("', '")}'`, {
      hint:
        seenProfiles.size === 0
          ? 'the config defines no profiles'
          : `defined profiles: ${[...seenProfiles].join(', ')}`,
    });
  }
  return config;
}

// `process.cpus=2` from the command line as a config assignment: true/false and numbers typed, else a string, as
// Nextflow's ConfigBuilder parses the values of `-process.*` / `-executor.*`.
function commandLineSetting(setting: string): string {
  const eq = setting.indexOf('=');
  const value = setting.slice(eq + 1);
  const literal = /^(?:true|false|[+-]?\d+(?:\.\d+)?)$/.test(value)
    ? value
    : `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return `${setting.slice(0, eq)} = ${literal}`;
}

// Reads and applies one config file.
function applyFile(
  config: DslConfig,
  file: string,
  profiles: readonly string[],
  seen: Set<string>,
  module: DslModule,
): void {
  const ast = parseConfig(readFileSync(file, 'utf8'), file);
  const ctx: EvalContext = {
    module: { ...module, file, dir: dirname(file), configFile: true },
    scope: childScope(undefined),
  };
  applyItems(config, ast.body, [], ctx, profiles, seen);
}

// The value of a recorded assignment, evaluated as the config's expressions are (`params.x` as set by the config).
export function entryValue(config: DslConfig, entry: ConfigEntry): unknown {
  return evaluate(withParams(entry.ctx, config), entry.value);
}

// The scope for config expressions: `params.x`, `manifest.version`, `validation.help.text` read what the config set
// so far.
function withParams(ctx: EvalContext, config: DslConfig): EvalContext {
  const scope: Scope = childScope(ctx.scope, [...settingsTree(config.settings), ['params', config.params]]);
  return { module: ctx.module, scope };
}

// The recorded settings as nested maps by their first name: `manifest.version` → manifest: [version: …].
function settingsTree(settings: ReadonlyMap<string, unknown>): Map<string, unknown> {
  const tree = new Map<string, unknown>();
  for (const [key, value] of settings) {
    const [head, ...rest] = key.split('.');
    if (head === undefined) continue;
    tree.set(head, rest.length === 0 ? value : nested(tree.get(head), rest, value));
  }
  return tree;
}

// Applies config items under the scope path `at` (e.g. ['process']).
function applyItems(
  config: DslConfig,
  items: readonly ConfigItem[],
  at: readonly string[],
  ctx: EvalContext,
  profiles: readonly string[],
  seen: Set<string>,
): void {
  for (const item of items) {
    const where = { file: ctx.module.file, line: item.pos.line, column: item.pos.column };
    switch (item.kind) {
      case 'assign':
        assign(config, [...at, ...item.path], item.value, ctx);
        break;
      case 'block':
        if (at.length === 0 && item.name === 'profiles') {
          for (const profile of item.body) {
            if (profile.kind !== 'block')
              throw new ConfigError('`profiles` holds only named blocks', { location: where });
            seen.add(profile.name);
          }
          for (const name of profiles) {
            for (const profile of item.body)
              if (profile.kind === 'block' && profile.name === name) {
                const outer = config.profile;
                config.profile = name;
                applyItems(config, profile.body, [], ctx, profiles, seen);
                config.profile = outer;
              }
          }
        } else applyItems(config, item.body, [...at, item.name], ctx, profiles, seen);
        break;
      case 'selector': {
        if (at.join('.') !== 'process')
          throw new ConfigError(`\`${item.selector}\` is allowed only inside \`process { }\``, { location: where });
        const selector: ProcessSelector = { kind: item.selector, pattern: item.pattern, settings: new Map() };
        const settle = (body: readonly ConfigItem[], prefix: readonly string[]): void => {
          for (const setting of body) {
            if (setting.kind === 'block') settle(setting.body, [...prefix, setting.name]);
            else if (setting.kind === 'assign')
              selector.settings.set([...prefix, ...setting.path].join('.'), {
                ctx: withParams(ctx, config),
                value: setting.value,
              });
            else
              throw new ConfigError(
                `only \`name = value\` settings and blocks are supported in \`${item.selector}: '${item.pattern}'\``,
                { location: where },
              );
          }
        };
        settle(item.body, []);
        config.selectors.push(selector);
        break;
      }
      case 'includeConfig': {
        const path = show(evaluate(withParams(ctx, config), item.path));
        if (/^[a-z][\w+.-]*:\/\//i.test(path)) {
          // As Nextflow without network: a remote config is skipped with a warning (NXF_OFFLINE=true avoids it).
          ctx.module.runtime.console.log(
            'warn',
            `Unable to load the remote config \`${path}\` (${where.file}:${where.line}): pipe does not download configs; set NXF_OFFLINE=true to skip it`,
          );
          break;
        }
        const full = isAbsolute(path) ? path : resolve(ctx.module.dir, path);
        if (!existsSync(full)) throw new ConfigError(`includeConfig: \`${path}\` does not exist`, { location: where });
        applyFile(config, full, profiles, seen, ctx.module);
        break;
      }
      case 'function': {
        // callable from every setting of every config file, and from the closures the settings hold
        const fn = item.definition;
        ctx.module.functions.set(fn.name, {
          name: fn.name,
          params: fn.params.map((p) => p.name),
          body: fn.body,
          module: ctx.module,
        });
        break;
      }
      case 'variable':
        ctx.scope.vars.set(item.name, item.value === undefined ? null : evaluate(withParams(ctx, config), item.value));
        break;
      case 'try': {
        // a failing setting (an includeConfig that cannot be read) runs the first catch clause instead
        const clause = item.catches[0];
        try {
          applyItems(config, item.body, at, ctx, profiles, seen);
        } catch (error) {
          if (clause === undefined || !(error instanceof PipeError)) throw error;
          const base = withParams(ctx, config);
          const caught = new Map([['message', error.message]]);
          runBody({ ...base, scope: childScope(base.scope, [[clause.name, caught]]) }, clause.body);
        }
        break;
      }
      case 'call':
        if (at[0] === 'plugins') {
          // `id 'name@version'`: recorded as settings' `plugins`, for the run to load pipe plugins of that name.
          const ids = (config.settings.get('plugins') as string[] | undefined) ?? [];
          if (item.name === 'id' && item.args[0] !== undefined)
            config.settings.set('plugins', [...ids, show(evaluate(withParams(ctx, config), item.args[0]))]);
          break;
        }
        throw new ConfigError(`unsupported config setting \`${[...at, item.name].join('.')}\``, {
          location: where,
          hint: 'write settings as `name = value`',
        });
    }
  }
}

// Applies `a.b.c = value`.
function assign(config: DslConfig, path: readonly string[], value: Expression, ctx: EvalContext): void {
  const [scope, ...rest] = path;
  const key = rest.join('.');
  const where = { file: ctx.module.file, line: value.pos.line, column: value.pos.column };
  config.trail.push({ path, value, ctx, profile: config.profile, commandLine: config.commandLine === true });
  if (scope === 'params' && rest.length > 0) config.declaredParams.add(rest[0] as string);
  if (scope === 'params' && rest.length > 0 && config.fixedParams.has(rest[0] as string)) return;
  if (scope === 'params' && rest.length > 0) {
    config.params.set(
      rest[0] as string,
      rest.length === 1
        ? evaluate(withParams(ctx, config), value)
        : nested(config.params.get(rest[0] as string), rest.slice(1), evaluate(withParams(ctx, config), value)),
    );
  } else if (scope === 'process' && rest.length > 0) {
    config.processDefaults.set(key, { ctx: withParams(ctx, config), value });
  } else if (scope === 'env' && rest.length === 1) {
    config.env.set(key, show(evaluate(withParams(ctx, config), value)));
  } else if (
    scope !== undefined &&
    (RECORDED_SCOPES.has(scope) || (scope === 'workflow' && WORKFLOW_SETTINGS.has(rest[0] ?? '')))
  ) {
    // workflow.output.* (mode, …) is read by workflow outputs, workflow.failOnIgnore by the session
    config.settings.set(path.join('.'), evaluate(withParams(ctx, config), value));
  } else {
    throw new ConfigError(`unsupported config setting \`${path.join('.')}\``, {
      location: where,
      hint: 'pipe reads params, process, env, profiles and includeConfig; see docs/dsl.md',
    });
  }
}

// Sets a nested map entry (`params.a.b = 1`).
function nested(current: unknown, path: readonly string[], value: unknown): Map<unknown, unknown> {
  const map = current instanceof Map ? current : new Map<unknown, unknown>();
  const [head, ...rest] = path;
  map.set(head, rest.length === 0 ? value : nested(map.get(head), rest, value));
  return map;
}

// Whether a selector pattern (`FOO`, `FOO|BAR`, `.*:QUANT`, `!FOO`) matches a name.
export function selectorMatches(pattern: string, name: string): boolean {
  return nameMatches(pattern, name) || nameMatches(pattern, name.split(':').pop() ?? name);
}

// Whether a selector pattern matches this one name (a process's own name, its alias, or its fully qualified name).
export function nameMatches(pattern: string, name: string): boolean {
  const negate = pattern.startsWith('!');
  const body = negate ? pattern.slice(1) : pattern;
  const regex = new RegExp(`^(?:${body.replace(/\*/g, '.*').replace(/\.\.\*/g, '.*')})$`);
  return regex.test(name) !== negate;
}
