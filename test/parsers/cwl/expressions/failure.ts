// The ExpressionError an evaluation fails with, for tests that check how expressions fail.
import { ExpressionError } from '../../../../parsers/cwl/expressions/index.js';

// Resolves with the ExpressionError `promise` rejects with; any other outcome fails the test.
export async function failure(promise: Promise<unknown>): Promise<ExpressionError> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ExpressionError)) throw new Error(`expected an ExpressionError, got ${String(error)}`);
  return error;
}
