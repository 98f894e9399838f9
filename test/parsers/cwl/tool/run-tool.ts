// Test helpers: a CommandLineTool built from a few fields, and a run of its task the way the engine does it
// (stage into a fresh work dir, run the script with bash there, finish).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createExpressionEvaluator } from '../../../../parsers/cwl/expressions/index.js';
import type { CommandLineTool } from '../../../../parsers/cwl/model.js';
import { createToolTask } from '../../../../parsers/cwl/tool/index.js';
import type { ToolContext, ToolTask } from '../../../../parsers/cwl/tool/index.js';

export const evaluator = createExpressionEvaluator();
afterAll(() => evaluator.close());

// A normalized CommandLineTool with defaults for every field not given.
export function tool(fields: Partial<CommandLineTool>): CommandLineTool {
  return {
    class: 'CommandLineTool',
    id: 'file:///tools/test.cwl',
    cwlVersion: 'v1.2',
    inputs: [],
    outputs: [],
    requirements: [],
    hints: [],
    baseCommand: [],
    arguments: [],
    successCodes: [],
    temporaryFailCodes: [],
    permanentFailCodes: [],
    source: { file: '/tools/test.cwl' },
    ...fields,
  };
}

export interface ToolRun {
  readonly task: ToolTask;
  readonly workDir: string;
  readonly script: string;
  readonly exitCode: number | null;
  readonly ok: boolean;
  readonly reason: string | undefined;
  readonly stdout: string;
}

let runs = 0;

// Creates the task, stages it into `<root>/<n>`, runs .command.sh with bash and calls finish.
export async function runTool(
  root: string,
  definition: CommandLineTool,
  job: Record<string, unknown>,
  context: Partial<ToolContext> = {},
): Promise<ToolRun> {
  const task = await createToolTask(definition, job, { evaluator, baseDir: root, ...context });
  const workDir = join(root, `work-${runs++}`);
  mkdirSync(workDir, { recursive: true });
  const script = await task.hooks.stage!(workDir, new AbortController().signal, 1);
  writeFileSync(join(workDir, '.command.sh'), script);
  const result = spawnSync('bash', ['.command.sh'], { cwd: workDir, encoding: 'utf8' });
  const verdict = await task.hooks.finish!({ exitCode: result.status, workDir, reused: false, attempt: 1 });
  return {
    task,
    workDir,
    script,
    exitCode: result.status,
    ok: verdict.ok,
    reason: verdict.reason,
    stdout: result.stdout,
  };
}
