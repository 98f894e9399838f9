// The error a CWL run fails with when a workflow cannot go on (a failed step, a bad value at run time):
// cwltool's "permanentFail", exit 1.
import { PipeError } from '../../../engine/errors.js';

export class WorkflowFailure extends PipeError {
  override readonly code = 'CWL_FAILED';
}
