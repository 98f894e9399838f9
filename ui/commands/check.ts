// `pipe check FILE`: parse and validate a workflow without running it, and summarise its graph.
import { formatCount } from '../format.js';
import { inspectWorkflow } from './inspect-workflow.js';

// Checks the workflow in FILE; resolves to the exit code.
export async function checkCommand(
  file: string,
  options: { template?: string; capture?: boolean },
  args: readonly string[] = [],
): Promise<number> {
  const workflow = await inspectWorkflow(file, options, args);
  const { graph } = workflow;
  let tasks = 0;
  graph.forEachNode((_id, attrs) => (tasks += attrs.source.total ?? 0));
  process.stdout.write(
    `${workflow.file}: ${workflow.format}, ${formatCount(graph.order)} steps, ${formatCount(graph.size)} dependencies, ${formatCount(tasks)} tasks\n`,
  );
  return 0;
}
