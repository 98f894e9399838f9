// One 'abort' listener per AbortSignal however many tasks share it (the engine passes one signal to every
// submit), so -j 64 adds no 64 listeners and no MaxListenersExceededWarning.

export interface AbortWatch<T> {
  add(signal: AbortSignal, item: T): void;
  delete(signal: AbortSignal, item: T): void;
}

// Calls `onAbort(item)` for every item still watched under a signal when that signal aborts.
export function createAbortWatch<T>(onAbort: (item: T) => void): AbortWatch<T> {
  const watched = new Map<AbortSignal, { items: Set<T>; listener: () => void }>();

  return {
    add(signal, item) {
      const entry = watched.get(signal);
      if (entry !== undefined) {
        entry.items.add(item);
        return;
      }
      const items = new Set<T>([item]);
      const listener = (): void => {
        watched.delete(signal);
        for (const each of items) onAbort(each);
      };
      watched.set(signal, { items, listener });
      signal.addEventListener('abort', listener, { once: true });
    },
    delete(signal, item) {
      const entry = watched.get(signal);
      if (entry === undefined || !entry.items.delete(item) || entry.items.size > 0) return;
      watched.delete(signal);
      signal.removeEventListener('abort', entry.listener);
    },
  };
}
