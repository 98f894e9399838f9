// The one entry from a workflow file to its step graph, whatever the format.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../engine/errors.js';
import type { WorkflowGraph } from '../engine/graph.js';
import { detectFormat } from './detect-format.js';
import type { ParseOptions } from './options.js';

// Parses the workflow in `file` (resolved to an absolute path) into its step graph.
export async function parse(file: string, opts: ParseOptions = {}): Promise<WorkflowGraph> {
  const target = resolve(file);
  // CWL names a process inside a document as `file.cwl#id`.
  const hash = target.lastIndexOf('#');
  const absolute = hash > 0 && !existsSync(target) ? target.slice(0, hash) : target;
  const format = await detectFormat(absolute);
  switch (format) {
    case 'tasklist':
      if (opts.args !== undefined && opts.args.length > 0) {
        throw new UsageError(`a task list takes no arguments after its file, got \`${opts.args.join(' ')}\``, {
          hint: 'pass options before or after the file as `--name value`; see `pipe run --help`',
        });
      }
      return (await import('./tasklist/index.js')).parseTaskList(absolute, opts);
    case 'cwl':
      return (await import('./cwl/index.js')).parseCwl(
        target === absolute ? absolute : `${absolute}#${target.slice(hash + 1)}`,
        opts,
      );
    case 'dsl':
      return (await import('./dsl/index.js')).parseDslWorkflow(absolute, opts);
    default: {
      const never: never = format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
}
