// The DSL's entry: a `.nf` pipeline to its step graph.
import type { WorkflowGraph } from '../../engine/graph.js';
import type { ParseOptions } from '../options.js';
import { buildPipeline } from './runtime/workflow/build-pipeline.js';

// Parses and evaluates a Nextflow-like DSL pipeline.
export function parseDslWorkflow(file: string, opts: ParseOptions = {}): WorkflowGraph {
  return buildPipeline(file, opts);
}
