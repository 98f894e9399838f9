// `pipe log`, `pipe clean`, `pipe inspect` and `pipe config` take `nextflow log` / `clean` / `inspect` / `config`
// spellings: single-dash long options (`-before`, `-fields`, `-dry-run`, `-format`) become commander's double-dash
// ones, and Nextflow's launcher option `-log FILE` before the command is dropped (these commands write no log).
const LONG_NAMES: Readonly<Record<string, readonly string[]>> = {
  log: ['fields', 'template', 'filter', 'list-fields', 'quiet', 'before', 'after', 'but'],
  clean: ['dry-run', 'force', 'keep-logs', 'quiet', 'before', 'after', 'but'],
  inspect: ['format', 'concretize', 'ignore-errors', 'config', 'profile', 'params-file', 'revision'],
  config: ['profile', 'show-profiles', 'help'],
};

// The command line with a `log`, `clean`, `inspect` or `config` command's Nextflow spellings made commander's; others
// unchanged.
export function historyCommandWords(argv: readonly string[]): string[] {
  let at = 0;
  const launcher: string[] = [];
  while (at < argv.length && (argv[at] as string).startsWith('-')) {
    if (argv[at] === '-log') at += 2;
    else launcher.push(argv[at++] as string);
  }
  const command = argv[at];
  const names = command === undefined ? undefined : LONG_NAMES[command];
  if (names === undefined) return [...argv];
  const words = argv.slice(at + 1);
  const end = words.indexOf('--');
  const converted = words.map((word, i) => {
    if (end >= 0 && i > end) return word;
    const name = /^-([a-z][a-z-]+)(=.*)?$/.exec(word);
    return name !== null && names.includes(name[1] as string) ? `-${word}` : word;
  });
  return [...launcher, command as string, ...converted];
}
