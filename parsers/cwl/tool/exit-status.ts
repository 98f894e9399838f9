// Whether a tool's exit code means success: successCodes, temporaryFailCodes and permanentFailCodes as
// cwltool applies them (0 succeeds unless listed as a failure).
// https://www.commonwl.org/v1.2/CommandLineTool.html#CommandLineTool (successCodes)
import type { TaskVerdict } from '../../../engine/task.js';
import type { CommandLineTool } from '../model.js';

// The verdict for an exit code.
export function exitStatus(
  tool: Pick<CommandLineTool, 'successCodes' | 'temporaryFailCodes' | 'permanentFailCodes'>,
  exitCode: number | null,
): TaskVerdict {
  if (exitCode === null) return { ok: false, reason: 'the tool did not exit normally' };
  if (tool.successCodes.includes(exitCode)) return { ok: true };
  if (tool.temporaryFailCodes.includes(exitCode))
    return { ok: false, reason: `exit code ${exitCode} is a temporary failure (temporaryFailCodes)` };
  if (tool.permanentFailCodes.includes(exitCode))
    return { ok: false, reason: `exit code ${exitCode} is a permanent failure (permanentFailCodes)` };
  if (exitCode === 0) return { ok: true };
  return { ok: false, reason: `exit code ${exitCode}` };
}
