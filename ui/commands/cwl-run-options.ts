// cwltool's options of `pipe run` for CWL documents: the ones that print something about the document and run
// nothing (--validate, --print-dot, --make-template, --print-deps, --pack, `tool.cwl --help`), and the ones that map
// onto pipe's settings (--no-container, --tmpdir-prefix, --tmp-outdir-prefix, --cachedir, --parallel).
import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { UsageError } from '../../engine/errors.js';
import { detectFormat, parse } from '../../parsers/index.js';
import { renderDag } from '../dag/render-dag.js';
import { STDERR_CONSOLE } from '../cli/script-console.js';

export interface CwlRunOptions {
  readonly validate?: boolean | undefined;
  readonly printDot?: boolean | undefined;
  readonly makeTemplate?: boolean | undefined;
  readonly container?: boolean | undefined; // false with --no-container
  readonly tmpdirPrefix?: string | undefined;
  readonly tmpOutdirPrefix?: string | undefined;
  readonly cachedir?: string | undefined;
  readonly printDeps?: boolean | undefined;
  readonly pack?: boolean | undefined;
  readonly relativeDeps?: string | undefined;
}

// cwltool's --relative-deps: print-deps locations relative to the primary document's folder (default) or the cwd.
function relativeDeps(value: string | undefined): 'primary' | 'cwd' {
  if (value === undefined || value === 'primary' || value === 'cwd') return value ?? 'primary';
  throw new UsageError(`expected --relative-deps to be primary or cwd, got "${value}"`, {
    hint: 'primary: relative to the workflow document; cwd: to the current directory',
  });
}

// The CWL document a `file#id` names, without the fragment.
function documentOf(target: string): string {
  const hash = target.lastIndexOf('#');
  return hash > 0 && !existsSync(target) ? target.slice(0, hash) : target;
}

// Whether `file` is a CWL document.
export async function isCwl(file: string): Promise<boolean> {
  try {
    return (await detectFormat(documentOf(file))) === 'cwl';
  } catch {
    return false; // unreadable: the parse reports it
  }
}

// Runs the options that print and run nothing; resolves to the exit code, or undefined when none was given.
export async function cwlInfo(
  file: string,
  args: readonly string[],
  options: CwlRunOptions,
  launchDir: string,
): Promise<number | undefined> {
  if (options.printDeps === true) {
    const { printDeps } = await import('../../parsers/cwl/index.js');
    process.stdout.write(printDeps(resolve(launchDir, file), relativeDeps(options.relativeDeps), launchDir));
    return 0;
  }
  if (options.pack === true) {
    const { packDocument } = await import('../../parsers/cwl/index.js');
    process.stdout.write(await packDocument(resolve(launchDir, file)));
    return 0;
  }
  if (options.validate !== true && options.printDot !== true && options.makeTemplate !== true) return undefined;
  const target = resolve(launchDir, file);
  if (options.makeTemplate === true) {
    const { cwlInputs, jobTemplate } = await import('../../parsers/cwl/index.js');
    process.stdout.write(jobTemplate(await cwlInputs(target, launchDir)));
    return 0;
  }
  const workflow = await parse(target, { args, launchDir, validateOnly: true, console: STDERR_CONSOLE });
  if (options.printDot === true) process.stdout.write(renderDag(workflow.graph, 'dot', basename(workflow.file)));
  else process.stdout.write(`${file} is valid CWL.\n`);
  return 0;
}

// The pipe settings cwltool's mapped options stand for: work dirs under --tmp-outdir-prefix or --cachedir (which also
// resumes, as cwltool reuses its cache), tools' tmp dirs under --tmpdir-prefix.
export function cwlSettings(options: CwlRunOptions, launchDir: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const prefixDir = (prefix: string): string =>
    prefix.endsWith('/') ? resolve(launchDir, prefix) : dirname(resolve(launchDir, prefix));
  if (options.tmpOutdirPrefix !== undefined) out.workDir = prefixDir(options.tmpOutdirPrefix);
  if (options.cachedir !== undefined) {
    out.workDir = resolve(launchDir, options.cachedir);
    out.resume = true;
  }
  return out;
}

// The absolute --tmpdir-prefix (a path prefix: `/scratch/tmp/` makes dirs inside it, `/scratch/t-` beside it).
export function tmpdirPrefixOf(options: CwlRunOptions, launchDir: string): string | undefined {
  if (options.tmpdirPrefix === undefined) return undefined;
  const absolute = resolve(launchDir, options.tmpdirPrefix);
  return options.tmpdirPrefix.endsWith('/') ? `${absolute}/` : absolute;
}
