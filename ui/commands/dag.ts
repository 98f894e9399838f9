// `pipe dag FILE`: the workflow's step graph as DOT, Mermaid or JSON, on stdout or into a file.
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { renderDag, type DagFormat } from '../dag/render-dag.js';
import { inspectWorkflow } from './inspect-workflow.js';

export interface DagOptions {
  readonly format: DagFormat;
  readonly output?: string | undefined;
  readonly template?: string | undefined;
  readonly capture?: boolean | undefined;
}

// Prints (or writes) the step graph of the workflow in FILE; resolves to the exit code.
export async function dagCommand(file: string, options: DagOptions, args: readonly string[] = []): Promise<number> {
  const workflow = await inspectWorkflow(file, options, args);
  const text = renderDag(workflow.graph, options.format, basename(workflow.file));
  if (options.output === undefined) process.stdout.write(text);
  else writeFileSync(options.output, text);
  return 0;
}
