// `pipe check FILE`: parse and validate a workflow without running it, and summarise its graph.
import { resolve } from 'node:path';
import { ParseError } from '../../engine/errors.js';
import { orderSteps } from '../../engine/graph.js';
import { parse } from '../../parsers/index.js';
import { STDERR_CONSOLE } from '../cli/script-console.js';
import { formatCount } from '../format.js';

// Checks the workflow in FILE; resolves to the exit code.
export async function checkCommand(
  file: string,
  options: { template?: string; capture?: boolean },
  args: readonly string[] = [],
): Promise<number> {
  const workflow = await parse(resolve(file), {
    args,
    validateOnly: true,
    template: options.template,
    capture: options.capture === true,
    console: STDERR_CONSOLE,
  });
  const { graph } = workflow;
  if (orderSteps(graph) === undefined)
    throw new ParseError(`${file} has a dependency cycle`, { location: { file: workflow.file } });
  let tasks = 0;
  graph.forEachNode((_id, attrs) => (tasks += attrs.source.total ?? 0));
  process.stdout.write(
    `${workflow.file}: ${workflow.format}, ${formatCount(graph.order)} steps, ${formatCount(graph.size)} dependencies, ${formatCount(tasks)} tasks\n`,
  );
  return 0;
}
