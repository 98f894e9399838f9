// A workflow read to be looked at, not run (`pipe check`, `pipe dag`): parsed and validated, a DSL script's output
// on stderr, and refused when its steps form a cycle.
import { resolve } from 'node:path';
import { ParseError } from '../../engine/errors.js';
import { orderSteps, type WorkflowGraph } from '../../engine/graph.js';
import { parse } from '../../parsers/index.js';
import { STDERR_CONSOLE } from '../cli/script-console.js';

export interface InspectOptions {
  readonly template?: string | undefined;
  readonly capture?: boolean | undefined;
}

export async function inspectWorkflow(
  file: string,
  options: InspectOptions,
  args: readonly string[],
): Promise<WorkflowGraph> {
  const workflow = await parse(resolve(file), {
    args,
    validateOnly: true,
    template: options.template,
    capture: options.capture === true,
    console: STDERR_CONSOLE,
  });
  if (orderSteps(workflow.graph) === undefined)
    throw new ParseError(`${file} has a dependency cycle`, { location: { file: workflow.file } });
  return workflow;
}
