// The error the File and Directory helpers throw: a missing file, a bad location, contents too large.
import { ExitCode, PipeError } from '../../../engine/errors.js';

// A File or Directory value that cannot be completed, read or staged.
export class CwlFileError extends PipeError {
  override readonly code = 'CWL_FILE';
  override readonly exitCode = ExitCode.Failed;
}
