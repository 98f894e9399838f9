// sha256 of local files, streamed, for --checksum verification and fingerprints.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

// The hex sha256 of the file at `path`.
export async function sha256File(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
