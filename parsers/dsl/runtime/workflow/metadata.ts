// `workflow.*`: what a run knows about itself (Nextflow's WorkflowMetadata), set when the pipeline is built and
// completed when the run ends.
import { randomUUID, createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { userInfo, homedir } from 'node:os';
import { basename, join } from 'node:path';
import { ConfigError, UnsupportedError } from '../../../../engine/errors.js';
import { dateObject } from '../groovy/date.js';
import { NEXTFLOW_BUILD, NEXTFLOW_TIMESTAMP, NEXTFLOW_VERSION } from '../groovy/nextflow-object.js';
import { pathValue } from '../values/values.js';
import { enabledEngine } from '../config/container-settings.js';
import { isHostObject } from '../groovy/host-object.js';
import type { DslRuntime } from '../eval/context.js';

const ADJECTIVES = ['brave', 'calm', 'eager', 'gentle', 'happy', 'jolly', 'lucid', 'nifty', 'quirky', 'sharp'];
const NAMES = ['curie', 'darwin', 'franklin', 'hopper', 'lovelace', 'mendel', 'noether', 'pasteur', 'turing', 'volta'];

export interface RunDescription {
  readonly file: string;
  readonly launchDir: string;
  readonly profiles: readonly string[];
  readonly configFiles: readonly string[];
  readonly stubRun: boolean;
  readonly resume: boolean;
  readonly commandLine: string;
  readonly runName?: string | undefined; // `-name`; else a random adjective_name, as Nextflow makes
}

// The metadata known before the run starts.
export function workflowMetadata(run: RunDescription): Map<unknown, unknown> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
  const script = existsSync(run.file) ? readFileSync(run.file) : Buffer.alloc(0);
  const user = safeUser();
  return new Map<unknown, unknown>([
    ['projectDir', pathValue(join(run.file, '..'))],
    ['launchDir', pathValue(run.launchDir)],
    ['workDir', pathValue(join(run.launchDir, 'work'))],
    ['scriptFile', pathValue(run.file)],
    ['scriptName', basename(run.file)],
    ['scriptId', createHash('md5').update(script).digest('hex')],
    ['runName', run.runName ?? `${pick(ADJECTIVES)}_${pick(NAMES)}`],
    ['sessionId', randomUUID()],
    ['profile', run.profiles.join(',') || 'standard'],
    ['configFiles', run.configFiles.filter((f) => existsSync(f)).map(pathValue)],
    ['commandLine', run.commandLine],
    ['userName', user],
    ['homeDir', pathValue(homedir())],
    ['resume', run.resume],
    ['stubRun', run.stubRun],
    ['start', dateObject()],
    ['complete', null],
    ['duration', null],
    ['success', false],
    ['exitStatus', null],
    ['errorMessage', null],
    ['errorReport', null],
    ['repository', null],
    ['commitId', null],
    ['revision', null],
    ['containerEngine', null],
    ['manifest', new Map()],
    [
      'nextflow',
      new Map<unknown, unknown>([
        ['version', NEXTFLOW_VERSION],
        ['build', NEXTFLOW_BUILD],
        ['timestamp', NEXTFLOW_TIMESTAMP],
      ]),
    ],
    ['stats', new Map()],
  ]);
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

// Fills what the config gives: the manifest and the container engine; checks `manifest.nextflowVersion`.
export function applyConfigMetadata(meta: Map<unknown, unknown>, settings: ReadonlyMap<string, unknown>): void {
  const manifest = new Map<unknown, unknown>();
  for (const [key, value] of settings) if (key.startsWith('manifest.')) manifest.set(key.slice(9), value);
  meta.set('manifest', manifest);
  meta.set('containerEngine', enabledEngine(settings) ?? null);
  for (const scope of ['conda', 'spack'])
    if (settings.get(`${scope}.enabled`) === true)
      throw new UnsupportedError(`\`${scope}.enabled = true\`: pipe does not create ${scope} environments`, {
        hint: 'run without the conda/mamba/spack profile, with the tools on PATH (or a container profile)',
      });
  const wanted = manifest.get('nextflowVersion');
  if (typeof wanted === 'string' && wanted !== '') checkNextflowVersion(wanted);
}

// Fails when a `!`-prefixed `manifest.nextflowVersion` does not accept the version pipe reports.
function checkNextflowVersion(requirement: string): void {
  const strict = requirement.startsWith('!');
  const condition = strict ? requirement.slice(1) : requirement;
  if (!strict || versionMatches(NEXTFLOW_VERSION, condition)) return;
  throw new ConfigError(
    `the pipeline requires Nextflow \`${condition}\`; pipe implements Nextflow ${NEXTFLOW_VERSION}`,
    {
      hint: 'see docs/nf-core.md for the Nextflow version pipe reports',
    },
  );
}

// Whether `version` satisfies a Nextflow version condition: `>=24.04.2`, `<25`, `=24.10.0`, `24.10+`, `24.10.0`.
export function versionMatches(version: string, condition: string): boolean {
  return condition.split(',').every((part) => {
    const match = /^\s*(>=|<=|!=|>|<|=)?\s*([\d.]+)(\+)?\s*$/.exec(part);
    if (match === null) return true;
    const [, op = '=', target = '', plus] = match;
    const c = compareVersions(version, target);
    if (plus !== undefined) return c >= 0;
    switch (op) {
      case '>=':
        return c >= 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      case '<':
        return c < 0;
      case '!=':
        return c !== 0;
      default:
        return c === 0 || version.startsWith(`${target}.`);
    }
  });
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

// Completes the metadata when the run ends: completion time, duration, success, exit status, error, stats.
export function completeMetadata(runtime: DslRuntime, success: boolean, failure: Error | undefined): void {
  const meta = runtime.workflowMeta;
  const complete = new Date();
  const start = meta.get('start');
  const started = isHostObject(start) && start.value instanceof Date ? start.value : complete;
  meta.set('complete', dateObject(complete));
  meta.set('duration', formatDuration(complete.getTime() - started.getTime()));
  meta.set('success', success);
  meta.set('exitStatus', success ? 0 : (runtime.stats.exitStatus ?? 1)); // a failed task's exit status, as Nextflow
  meta.set('errorMessage', failure === undefined ? null : failure.message);
  meta.set('errorReport', failure === undefined ? null : failure.message);
  const { succeeded, failed, ignored, cached } = runtime.stats;
  meta.set(
    'stats',
    new Map<unknown, unknown>([
      ['succeededCount', succeeded],
      ['failedCount', failed],
      ['ignoredCount', ignored],
      ['cachedCount', cached],
      ['succeedCount', succeeded],
      ['failCount', failed],
      ['ignoreCount', ignored],
    ]),
  );
}

// A duration as Nextflow prints one: `350ms`, `4.2s`, `1m 3s`, `2h 5m 1s`.
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1).replace(/\.0$/, '')}s`;
  const s = Math.floor(ms / 1000);
  const parts = [
    [Math.floor(s / 86_400), 'd'],
    [Math.floor((s % 86_400) / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'm'],
    [s % 60, 's'],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, u]) => `${n}${u}`)
    .join(' ');
}
