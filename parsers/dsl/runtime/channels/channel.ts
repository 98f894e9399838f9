// Dataflow channels: queue channels stream values to every reader; value channels hold one value read any number of times.

export interface DslChannel {
  readonly kind: 'channel';
  readonly isValue: boolean;
  readonly origins: ReadonlySet<string>; // the process steps whose results flow into this channel
  // Adds a value (a value channel takes one; later ones are ignored).
  emit(value: unknown): void;
  // Ends the channel; a value channel closed while empty stays empty.
  close(): void;
  readonly closed: boolean;
  // Reads every value from the start, as they arrive; each reader sees all of them (DSL2 forks channels implicitly).
  read(): AsyncIterable<unknown>;
  // The values so far (for tests and `view` of finished channels).
  snapshot(): readonly unknown[];
}

// Creates a channel; `origins` names the process steps it derives from.
export function createChannel(isValue: boolean, origins: Iterable<string> = []): DslChannel {
  const items: unknown[] = [];
  let closed = false;
  let wake: (() => void)[] = [];
  const notify = (): void => {
    const waiting = wake;
    wake = [];
    for (const resolve of waiting) resolve();
  };
  return {
    kind: 'channel',
    isValue,
    origins: new Set(origins),
    emit(value) {
      if (closed) return;
      if (isValue && items.length > 0) return;
      items.push(value);
      if (isValue) closed = true;
      notify();
    },
    close() {
      if (closed) return;
      closed = true;
      notify();
    },
    get closed() {
      return closed;
    },
    read() {
      return {
        async *[Symbol.asyncIterator]() {
          let i = 0;
          for (;;) {
            if (i < items.length) {
              yield items[i];
              i++;
              continue;
            }
            if (closed) return;
            await new Promise<void>((resolve) => wake.push(resolve));
          }
        },
      };
    },
    snapshot() {
      return items;
    },
  };
}

// A value channel holding `value` at once.
export function valueChannel(value: unknown): DslChannel {
  const channel = createChannel(true);
  channel.emit(value);
  return channel;
}

// A queue channel holding `values` and already closed.
export function queueOf(values: readonly unknown[], origins: Iterable<string> = []): DslChannel {
  const channel = createChannel(false, origins);
  for (const value of values) channel.emit(value);
  channel.close();
  return channel;
}

// Reads the one value of a value channel, or undefined when it closed empty.
export async function readValue(channel: DslChannel): Promise<{ value: unknown } | undefined> {
  for await (const value of channel.read()) return { value };
  return undefined;
}
