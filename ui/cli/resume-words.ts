// `pipe run --resume FILE`: commander would read FILE as the run to resume (its value is optional) and then find no
// file. When the word after `--resume` is no run id but a file that exists, a file name (`x.txt`) or `-` (stdin), it
// is the workflow (or a CWL job file after it).
import { existsSync } from 'node:fs';

const RUN_ID = /^\d{8}-\d{6}-[0-9a-f]{4}$/; // engine/run.ts newRunId

// The command line with such a `--resume` moved after the workflow's words (before a `--`), where it takes no value.
export function resumeBeforeFile(argv: readonly string[], exists: (path: string) => boolean = existsSync): string[] {
  const run = argv.indexOf('run');
  const at = argv.indexOf('--resume', run + 1);
  if (run < 0 || at < 0) return [...argv];
  const next = argv[at + 1];
  if (next === undefined || (next.startsWith('-') && next !== '-')) return [...argv];
  if (RUN_ID.test(next) || !(next === '-' || /\.\w+$/.test(next) || exists(next))) return [...argv];
  const rest = [...argv.slice(0, at), ...argv.slice(at + 1)];
  const end = rest.indexOf('--', run + 1);
  return end < 0 ? [...rest, '--resume'] : [...rest.slice(0, end), '--resume', ...rest.slice(end)];
}
