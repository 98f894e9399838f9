// The error a CommandLineTool throws while preparing a task or collecting outputs.
import { ExitCode, PipeError } from '../../../engine/errors.js';

// A tool that cannot be run with this job, or whose outputs cannot be collected.
export class ToolError extends PipeError {
  override readonly code = 'CWL_TOOL';
  override readonly exitCode = ExitCode.Failed;
}
