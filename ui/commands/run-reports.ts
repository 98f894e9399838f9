// The report files of a run: the command line's -with-trace/-with-report/-with-timeline/-with-dag, else those the
// workflow's own configuration enables (a DSL's trace/report/timeline/dag scopes, as nf-core's pipeline_info/).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { WorkflowGraph } from '../../engine/graph.js';
import type { RunFileOptions } from './run-files.js';

export interface RunReports extends RunFileOptions {
  readonly withDag?: string | undefined;
}

// The command line's files first, then the workflow configuration's (parallel's joblog only from the command
// line); the directories they go in are made.
export function runReports(options: RunReports, workflow: WorkflowGraph): RunReports {
  const own = workflow.reports ?? {};
  const reports: RunReports = {
    withTrace: options.withTrace ?? own.trace,
    withReport: options.withReport ?? own.report,
    withTimeline: options.withTimeline ?? own.timeline,
    withDag: options.withDag ?? own.dag,
    joblog: options.joblog,
  };
  for (const file of Object.values(reports)) if (file !== undefined) mkdirSync(dirname(file), { recursive: true });
  return reports;
}
