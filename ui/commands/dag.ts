// `pipe dag FILE`: the workflow's step graph as DOT, Mermaid or JSON, on stdout or into a file.
import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { ParseError } from '../../engine/errors.js';
import { orderSteps } from '../../engine/graph.js';
import { parse } from '../../parsers/index.js';
import { STDERR_CONSOLE } from '../cli/script-console.js';
import { renderDag, type DagFormat } from '../dag/render-dag.js';

export interface DagOptions {
  readonly format: DagFormat;
  readonly output?: string | undefined;
  readonly template?: string | undefined;
  readonly capture?: boolean | undefined;
}

// Prints (or writes) the step graph of the workflow in FILE; resolves to the exit code.
export async function dagCommand(file: string, options: DagOptions, args: readonly string[] = []): Promise<number> {
  const workflow = await parse(resolve(file), {
    args,
    validateOnly: true,
    template: options.template,
    capture: options.capture === true,
    console: STDERR_CONSOLE,
  });
  if (orderSteps(workflow.graph) === undefined)
    throw new ParseError(`${file} has a dependency cycle`, { location: { file: workflow.file } });
  const text = renderDag(workflow.graph, options.format, basename(workflow.file));
  if (options.output === undefined) process.stdout.write(text);
  else writeFileSync(options.output, text);
  return 0;
}
