// Which `pipe run` options apply to which workflow format: an option given for a format it does not apply to is an
// error naming it, never silently ignored (`pipe run c.txt --outdir x`).
import { UsageError } from '../../engine/errors.js';
import type { WorkflowFormat } from '../../engine/graph.js';
import { closestMatch } from '../../parsers/common/edit-distance.js';

type Applies = readonly WorkflowFormat[] | 'text';

// The options that apply to some formats only, by RunOptions key: their spelling and where they apply ('text': text
// task lists only).
const FORMAT_OPTIONS: Readonly<Record<string, { readonly flag: string; readonly applies: Applies }>> = {
  template: { flag: '--template', applies: 'text' },
  capture: { flag: '--capture', applies: 'text' },
  colsep: { flag: '--colsep', applies: 'text' },
  timeout: { flag: '--timeout', applies: ['tasklist'] },
  dryRun: { flag: '--dry-run', applies: ['tasklist'] },
  outdir: { flag: '--outdir', applies: ['cwl'] },
  validate: { flag: '--validate', applies: ['cwl'] },
  printDot: { flag: '--print-dot', applies: ['cwl'] },
  makeTemplate: { flag: '--make-template', applies: ['cwl'] },
  noContainer: { flag: '--no-container', applies: ['cwl'] },
  tmpdirPrefix: { flag: '--tmpdir-prefix', applies: ['cwl'] },
  tmpOutdirPrefix: { flag: '--tmp-outdir-prefix', applies: ['cwl'] },
  cachedir: { flag: '--cachedir', applies: ['cwl'] },
  parallel: { flag: '--parallel', applies: ['cwl'] },
  printDeps: { flag: '--print-deps', applies: ['cwl'] },
  pack: { flag: '--pack', applies: ['cwl'] },
  relativeDeps: { flag: '--relative-deps', applies: ['cwl'] },
  withDocker: { flag: '-with-docker', applies: ['dsl'] },
  withPodman: { flag: '-with-podman', applies: ['dsl'] },
  withoutDocker: { flag: '-without-docker', applies: ['dsl'] },
  withoutPodman: { flag: '-without-podman', applies: ['dsl'] },
};

const FORMAT_NAMES: Readonly<Record<WorkflowFormat, string>> = {
  cwl: 'a CWL document',
  dsl: 'a .nf pipeline',
  tasklist: 'a task list',
};

const PLURAL_NAMES: Readonly<Record<WorkflowFormat, string>> = {
  cwl: 'CWL documents',
  dsl: '.nf pipelines',
  tasklist: 'task lists',
};

// Where an option applies, in words.
function appliesTo(applies: Applies): string {
  if (applies === 'text') return 'text task lists only';
  return `${applies.map((f) => PLURAL_NAMES[f]).join(' and ')} only`;
}

// Throws for the first option that does not apply to `format` (`text`: whether a task list is a text one), and for
// words after a task list's file, which takes none.
export function checkApplicable(
  options: Readonly<Record<string, unknown>>,
  format: WorkflowFormat,
  text: boolean,
  args: readonly string[],
  known: readonly string[],
): void {
  const given: Record<string, unknown> = { ...options, noContainer: options.container === false ? true : undefined };
  for (const [key, { flag, applies }] of Object.entries(FORMAT_OPTIONS)) {
    if (given[key] === undefined || given[key] === false) continue;
    const ok = applies === 'text' ? format === 'tasklist' && text : applies.includes(format);
    if (!ok) {
      throw new UsageError(`${flag} does not apply to ${FORMAT_NAMES[format]}`, {
        hint: `${flag} applies to ${appliesTo(applies)}`,
      });
    }
  }
  if (format === 'tasklist' && args.length > 0) {
    const word = args[0] as string;
    if (word.startsWith('-')) {
      const name = word.replace(/=.*/, '');
      const near = closestMatch(name, known);
      const nf = ['--profile', '--params-file', '--config', '--stub-run', '--stub', '--entry'].includes(name);
      throw new UsageError(`unknown option \`${name}\` for a task list`, {
        hint: nf
          ? `${name} applies to .nf pipelines only`
          : near === undefined
            ? 'see `pipe run --help`'
            : `did you mean \`${near}\`?`,
      });
    }
    throw new UsageError(`a task list takes no arguments after its file, got \`${args.join(' ')}\``, {
      hint: 'pass options before or after the file as `--name value`; see `pipe run --help`',
    });
  }
}
