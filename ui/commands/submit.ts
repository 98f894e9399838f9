// `pipe submit FILE --server URL`: adds one task per line of a file to a pilot server's queue, in batches.
import { stat } from 'node:fs/promises';
import { UsageError } from '../../engine/errors.js';
import { connectClient } from '../../backends/pilot/client/pilot-client.js';
import type { NewTask } from '../../backends/pilot/protocol/messages.js';
import { decodeLine, isTaskLine, lineEnd, readLineRegions } from '../../parsers/tasklist/line-reader.js';
import { formatCount } from '../format.js';
import { clientToken, parseTags } from './pilot-access.js';

const BATCH = 5000; // tasks per submit message
const IN_FLIGHT = 4; // batches sent before waiting for the oldest answer

export interface SubmitOptions {
  readonly server: string;
  readonly tokenFile?: string;
  readonly tag?: string[];
}

// Yields the file's task lines (not blank, not `#` comments) as batches of new tasks.
async function* batches(file: string, tags: Record<string, string> | undefined): AsyncGenerator<NewTask[]> {
  let batch: NewTask[] = [];
  for await (const region of readLineRegions(file)) {
    for (let start = region.start; start < region.end;) {
      const end = lineEnd(region, start);
      if (isTaskLine(region.buf, start, end)) {
        batch.push(
          tags === undefined
            ? { command: decodeLine(region.buf, start, end), light: true }
            : { command: decodeLine(region.buf, start, end), light: true, tags },
        );
        if (batch.length === BATCH) {
          yield batch;
          batch = [];
        }
      }
      start = end + 1;
    }
  }
  if (batch.length > 0) yield batch;
}

// Submits the file's lines; resolves to the exit code.
export async function submitCommand(file: string, options: SubmitOptions): Promise<number> {
  const tags = parseTags(options.tag);
  const info = await stat(file).catch(() => undefined);
  if (info === undefined || !info.isFile()) {
    throw new UsageError(`cannot read task file "${file}"`, {
      hint: 'give a text file with one shell command per line',
    });
  }
  const token = clientToken(options.tokenFile);
  const client = await connectClient(options.server, token);
  let submitted = 0;
  try {
    const inFlight: Promise<string[]>[] = [];
    for await (const batch of batches(file, tags)) {
      inFlight.push(client.submit(batch));
      if (inFlight.length >= IN_FLIGHT) submitted += (await inFlight.shift()!).length;
    }
    for (const pending of inFlight) submitted += (await pending).length;
  } finally {
    client.close();
  }
  process.stdout.write(`submitted ${formatCount(submitted)} task(s) to ${options.server}\n`);
  return 0;
}
