// A scratch directory for one test file, removed after its tests, with a helper that writes files into it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

// Creates the directory; the returned function writes `content` to a file named `name` there and returns its path.
export function scratchFiles(prefix: string): {
  dir: string;
  fileWith: (name: string, content: string | Buffer) => string;
} {
  const dir = mkdtempSync(join(tmpdir(), `pipe-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    fileWith(name, content) {
      const file = join(dir, name);
      writeFileSync(file, content);
      return file;
    },
  };
}
