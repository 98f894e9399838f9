// Runs async operations one at a time, in the order they were asked for: every change to the queue and to the
// server's view of it goes through one of these, so a dispatch, a completion and a lost agent never interleave.

export interface Serial {
  run<T>(operation: () => Promise<T>): Promise<T>;
  // Resolves once everything asked for so far has run.
  idle(): Promise<void>;
}

// Creates an empty serial queue.
export function createSerial(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(operation) {
      const result = tail.then(operation, operation);
      tail = result.catch(() => undefined);
      return result;
    },
    idle: () => tail.then(() => undefined),
  };
}
