// Checks of `pipe run`'s options made before anything is parsed or started: values in range, files whose format is
// known, run names as Nextflow allows them, and GNU parallel's input sources, which pipe does not take.
import { UsageError } from '../../engine/errors.js';
import { checkDagFile } from '../dag/write-dag.js';

export interface CheckedRunOptions {
  readonly progressInterval: number;
  readonly withDag?: string | undefined;
  readonly runName?: string | undefined;
  readonly outputDir?: string | undefined;
  readonly notify?: true | string | undefined;
  readonly dumpHashes?: true | string | undefined;
}

// Nextflow's rule for run names (CmdRun.RUN_NAME_PATTERN).
const RUN_NAME = /^[a-z](?:[a-z\d]|[-_](?=[a-z\d])){0,79}$/;

// Throws a UsageError for the first option that cannot be used as given.
export function checkRunOptions(options: CheckedRunOptions): void {
  if (!Number.isFinite(options.progressInterval) || options.progressInterval <= 0) {
    throw new UsageError(
      `expected --progress-interval to be a positive number of seconds, got "${String(options.progressInterval)}"`,
    );
  }
  if (options.withDag !== undefined) checkDagFile(options.withDag);
  if (options.runName !== undefined && !RUN_NAME.test(options.runName)) {
    throw new UsageError(`not a valid run name: "${options.runName}"`, {
      hint: 'a run name starts with a lower-case letter and holds lower-case letters, digits, - and _ (as Nextflow)',
    });
  }
}

// GNU parallel's input sources on the command line (`::: a b`, `:::: FILE`, their `+` forms): an error saying how pipe
// takes arguments, never a file named `:::`.
export function checkNoParallelSources(file: string, args: readonly string[]): void {
  const source = [file, ...args].find((word) => /^::::?\+?$/.test(word));
  if (source === undefined) return;
  throw new UsageError(`GNU parallel's \`${source}\` input source is not supported`, {
    hint: source.startsWith('::::')
      ? 'give the file of arguments as the task list: `pipe run FILE --template CMD` reads its lines as `:::: FILE`'
      : "put the arguments one per line in a file, or on stdin: `printf '%s\\n' a b | pipe run - --template CMD`",
  });
}
