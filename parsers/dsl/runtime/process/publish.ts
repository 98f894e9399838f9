// publishDir: copying, linking or moving a task's output files into a results directory.
import { cpSync, linkSync, lstatSync, mkdirSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { isInside, isStrictlyInside } from '../../../common/contained-path.js';
import type { StagingArea } from '../../../../engine/staging/staging-area.js';
import { publishOutputs } from '../../../../engine/staging/task-files.js';
import { isRemoteUri } from '../../../../engine/staging/uri.js';
import { globToRegExp } from '../stdlib/glob.js';
import { isClosure, show, truthy } from '../values/values.js';

// One publishDir directive, evaluated for a task.
export interface PublishRule {
  readonly path: string;
  readonly mode: string;
  readonly pattern?: string | undefined;
  readonly saveAs?: ((name: string) => unknown) | undefined;
  readonly overwrite: boolean;
  readonly enabled: boolean;
  readonly launchDir: string; // never replaced, nor any directory holding it
}

// A publish target pipe will not write or replace: the task fails with this reason.
export class PublishRefused extends Error {}

const MODES: ReadonlySet<string> = new Set(['symlink', 'rellink', 'link', 'copy', 'copyNoFollow', 'move']);

// A publish rule from a directive's arguments (`publishDir path, mode: 'copy', pattern: '*.html', saveAs: {…}`).
export function publishRule(
  positional: readonly unknown[],
  named: ReadonlyMap<string, unknown>,
  launchDir: string,
): PublishRule | string {
  const dir = named.get('path') ?? positional[0];
  if (dir === undefined || dir === null) return 'publishDir needs a directory';
  const mode = show(named.get('mode') ?? 'symlink');
  if (!MODES.has(mode)) return `publishDir mode \`${mode}\` is not one of ${[...MODES].join(', ')}`;
  const saveAs = named.get('saveAs');
  const text = show(dir);
  return {
    path: isAbsolute(text) || isRemoteUri(text) ? text : resolve(launchDir, text),
    mode,
    pattern: named.has('pattern') ? show(named.get('pattern')) : undefined,
    saveAs: isClosure(saveAs) ? (name) => saveAs.call([name]) : undefined,
    overwrite: named.get('overwrite') !== false,
    enabled: !named.has('enabled') || truthy(named.get('enabled')),
    launchDir,
  };
}

// Publishes output files (absolute paths inside `workDir`) by one rule. A target named by the output's own path
// lies inside the publishDir; one named by saveAs may lie anywhere (as in Nextflow), but an existing directory is
// replaced only inside the publishDir, and never the publishDir itself, the launch dir, the work dir or a directory
// holding one of them.
export function publishFiles(rule: PublishRule, workDir: string, files: readonly string[]): void {
  if (!rule.enabled) return;
  // as Nextflow, the publishDir is made once the task has outputs, even when none match its pattern
  if (files.length > 0) mkdirSync(rule.path, { recursive: true });
  const pattern = rule.pattern === undefined ? undefined : globToRegExp(rule.pattern);
  for (const file of files) {
    if (!isInside(workDir, file)) throw new PublishRefused(`output \`${file}\` lies outside the task's work dir`);
    const rel = relative(workDir, file);
    if (pattern !== undefined && !pattern.test(rel) && !pattern.test(basename(file))) continue;
    let name = rel;
    if (rule.saveAs !== undefined) {
      const saved = rule.saveAs(rel);
      if (saved === null || saved === undefined || saved === false) continue;
      name = show(saved);
    }
    const target = resolve(rule.path, name);
    const inPublishDir = isStrictlyInside(rule.path, target);
    if (rule.saveAs === undefined && !inPublishDir)
      throw new PublishRefused(`publish target \`${target}\` lies outside publishDir \`${rule.path}\``);
    const existing = lstatSync(target, { throwIfNoEntry: false });
    if (existing !== undefined) {
      if (!rule.overwrite) continue;
      refuseReplacing(target, existing.isDirectory(), inPublishDir, [rule.path, rule.launchDir, workDir]);
      rmSync(target, { recursive: existing.isDirectory(), force: true });
    }
    mkdirSync(dirname(target), { recursive: true });
    placeFile(rule.mode, file, target);
  }
}

// Publishes output files to a remote directory (publishDir 'scp://host/results', 'globus://…'): each is put there
// through the staging area, whatever the mode; a name must stay inside the directory. Resolves to the first
// problem, or undefined.
export async function publishRemote(
  area: StagingArea,
  rule: PublishRule,
  workDir: string,
  files: readonly string[],
  taskId: string,
  reused: boolean,
): Promise<string | undefined> {
  if (!rule.enabled) return undefined;
  const pattern = rule.pattern === undefined ? undefined : globToRegExp(rule.pattern);
  const outputs: { path: string; uri: string }[] = [];
  for (const file of files) {
    if (!isInside(workDir, file)) return `output \`${file}\` lies outside the task's work dir`;
    const rel = relative(workDir, file);
    if (pattern !== undefined && !pattern.test(rel) && !pattern.test(basename(file))) continue;
    const saved = rule.saveAs === undefined ? rel : rule.saveAs(rel);
    if (saved === null || saved === undefined || saved === false) continue;
    const name = show(saved);
    if (isAbsolute(name) || name.split('/').includes('..'))
      return `publish target \`${name}\` lies outside publishDir \`${rule.path}\``;
    const uri = `${rule.path.replace(/\/+$/, '')}/${name.split('/').map(encodeURIComponent).join('/')}`;
    outputs.push({ path: rel, uri });
  }
  return publishOutputs(area, workDir, outputs, taskId, reused);
}

// Throws unless an existing publish target may be removed to make room for the new one.
function refuseReplacing(target: string, isDir: boolean, inPublishDir: boolean, kept: readonly string[]): void {
  const held = kept.find((dir) => isInside(target, dir));
  if (held !== undefined)
    throw new PublishRefused(`publish target \`${target}\` would replace \`${held}\`, which the run needs`);
  if (isDir && !inPublishDir)
    throw new PublishRefused(
      `publish target \`${target}\` is an existing directory outside the publishDir; pipe replaces only what lies inside the publishDir`,
    );
}

// Puts one file or directory at `target` by the publish mode.
function placeFile(mode: string, source: string, target: string): void {
  const isDir = statSync(source).isDirectory();
  switch (mode) {
    case 'copy':
      cpSync(source, target, { recursive: true, dereference: true });
      return;
    case 'copyNoFollow':
      cpSync(source, target, { recursive: true });
      return;
    case 'link':
      if (isDir) cpSync(source, target, { recursive: true, dereference: true });
      else linkSync(source, target);
      return;
    case 'move':
      renameSync(source, target);
      return;
    case 'rellink':
      symlinkSync(relative(dirname(target), source), target);
      return;
    default:
      symlinkSync(source, target);
  }
}
