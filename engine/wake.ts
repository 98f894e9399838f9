// The scheduler's wake/sleep primitive: one loop sleeps until something happened, and a wake that comes while
// it is busy is not lost.

export interface Waker {
  // Something happened: the loop should look again (now, or as soon as it next sleeps).
  wake(): void;
  // Resolves at the next wake, or at once when one came since the last sleep.
  sleep(): Promise<void>;
}

// Creates a waker with no wake pending.
export function createWaker(): Waker {
  let wakeUp: (() => void) | undefined;
  let woken = false;
  return {
    wake() {
      woken = true;
      wakeUp?.();
    },
    sleep() {
      if (woken) {
        woken = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        wakeUp = () => {
          wakeUp = undefined;
          woken = false;
          resolve();
        };
      });
    },
  };
}
