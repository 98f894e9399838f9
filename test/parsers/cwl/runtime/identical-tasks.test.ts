import { cpSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../../../helpers/cli.js';

const bench = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'fixtures', 'cwl', 'bench');

describe('scattered tasks that are identical', () => {
  it('runs each of them in its own work dir and returns one output per scatter item', async () => {
    const dir = scratchDir({ 'job.yml': 'messages: [same, same, same, other]\n' });
    for (const name of ['echo.cwl', 'scatter-echo.cwl']) cpSync(join(bench, name), join(dir, name));
    const result = await runPipe(['run', '--quiet', '--outdir', 'out', 'scatter-echo.cwl', 'job.yml'], dir);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as { outs: { location: string }[] };
    expect(output.outs.map((file) => readFileSync(fileURLToPath(file.location), 'utf8'))).toEqual([
      'same\n',
      'same\n',
      'same\n',
      'other\n',
    ]);
  });
});
