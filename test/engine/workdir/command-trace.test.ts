import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeWorkDir } from '../../../engine/workdir/index.js';
import { parseCommandTrace } from '../../../engine/workdir/command-trace.js';
import { scratchFiles } from '../../helpers/scratch-files.js';

const { dir: root } = scratchFiles('command-trace');

// Writes a work dir for `script`, runs its wrapper, and resolves with the dir once the wrapper exits.
async function runTask(name: string, script: string, monitor = true, direct = false): Promise<string> {
  const dir = join(root, name);
  writeWorkDir(dir, { script, name, monitor, wrapper: { directOutput: direct } });
  const child = spawn('bash', ['.command.run'], { cwd: dir, stdio: 'ignore' });
  await new Promise((resolve) => child.on('exit', resolve));
  return dir;
}

describe('.command.run resource monitoring', () => {
  it("writes .command.trace with the task's wall time, CPU, I/O and peak memory", async () => {
    const script = [
      'python3 -c "x = bytearray([1]) * (48 * 1024 * 1024); import time; time.sleep(1)"',
      'head -c 3000000 /dev/zero > blob',
      'cat blob > /dev/null',
    ].join('\n');
    const dir = await runTask('busy', script);
    const text = readFileSync(join(dir, '.command.trace'), 'utf8');
    expect(text.split('\n')[0]).toBe('nextflow.trace/v2');
    const usage = parseCommandTrace(text)!;
    expect(usage.realtimeMs).toBeGreaterThanOrEqual(300);
    expect(usage.cpuPercent).toBeGreaterThan(0);
    expect(usage.peakRssBytes).toBeGreaterThan(40 * 2 ** 20);
    expect(usage.peakVmemBytes).toBeGreaterThanOrEqual(usage.peakRssBytes!);
    expect(usage.wcharBytes).toBeGreaterThanOrEqual(3_000_000);
    expect(usage.rcharBytes).toBeGreaterThanOrEqual(3_000_000);
  });

  it('leaves only Nextflow file names behind in the work dir, and writes .command.trace for a failing task too', async () => {
    const dir = await runTask('fails', 'echo no >&2; exit 5');
    expect(readFileSync(join(dir, '.exitcode'), 'utf8')).toBe('5');
    expect(parseCommandTrace(readFileSync(join(dir, '.command.trace'), 'utf8'))?.realtimeMs).toBeGreaterThanOrEqual(0);
    expect(readdirSync(dir).sort()).toEqual([
      '.command.begin',
      '.command.err',
      '.command.out',
      '.command.run',
      '.command.sh',
      '.command.trace',
      '.exitcode',
    ]);
    expect(existsSync(join(dir, '.command.peak'))).toBe(false);
  });

  it('writes no .command.trace when monitoring is off, and the task still runs with its output kept', async () => {
    const dir = await runTask('plain', 'echo out; echo err >&2; exit 3', false);
    expect(readFileSync(join(dir, '.exitcode'), 'utf8')).toBe('3');
    expect(readFileSync(join(dir, '.command.out'), 'utf8')).toBe('out\n');
    expect(readFileSync(join(dir, '.command.err'), 'utf8')).toBe('err\n');
    expect(readdirSync(dir).sort()).toEqual([
      '.command.begin',
      '.command.err',
      '.command.out',
      '.command.run',
      '.command.sh',
      '.exitcode',
    ]);
  });

  it('writes .command.trace and the output files when output is redirected straight into them, leaving no fifo', async () => {
    const dir = await runTask('direct', 'echo out; echo err >&2; head -c 100000 /dev/zero > blob; exit 2', true, true);
    expect(readFileSync(join(dir, '.exitcode'), 'utf8')).toBe('2');
    expect(readFileSync(join(dir, '.command.out'), 'utf8')).toBe('out\n');
    expect(readFileSync(join(dir, '.command.err'), 'utf8')).toBe('err\n');
    expect(parseCommandTrace(readFileSync(join(dir, '.command.trace'), 'utf8'))?.wcharBytes).toBeGreaterThanOrEqual(
      100_000,
    );
    expect(readdirSync(dir).sort()).toEqual([
      '.command.begin',
      '.command.err',
      '.command.out',
      '.command.run',
      '.command.sh',
      '.command.trace',
      '.exitcode',
      'blob',
    ]);
  });
});
