// pipe.yaml and a pipeline's executor settings through the built CLI: a bad value is one located error line and exit
// 2; a pipe.yaml choosing slurm runs a task list on Slurm with the options it gives. The Slurm half needs
// .ci/services/slurm.sh.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';
import { requireService, slurmReachable } from '../helpers/services.js';

const isolated = (): NodeJS.ProcessEnv => ({ XDG_CONFIG_HOME: scratchDir() }); // no user-wide file of the machine's

describe('pipe.yaml in the launch directory', () => {
  it('reports a bad backend option as one line with pipe.yaml:line:col and the value, and exits 2', async () => {
    const dir = scratchDir({
      'pipe.yaml': 'backend: slurm\nbackends:\n  slurm:\n    queue: short\n    arraySize: 0\n',
      'list.txt': 'true\n',
    });
    const result = await runPipe(['run', 'list.txt'], dir, isolated());
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe(
      `pipe: error: ${join(dir, 'pipe.yaml')}:5:16: invalid value \`0\` for \`backends.slurm.arraySize\`: expected number to be >0`,
    );
    expect(lines[1]).toMatch(/^ {2}hint: /);
    expect(readdirSync(dir)).not.toContain('.pipe'); // nothing ran
  });

  it('reports a bad value in the user-wide config.yaml with its own path', async () => {
    const xdg = scratchDir();
    mkdirSync(join(xdg, 'pipe'));
    const dir = scratchDir({ 'list.txt': 'true\n' });
    writeFileSync(join(xdg, 'pipe', 'config.yaml'), 'retries: -1\n');
    const result = await runPipe(['run', 'list.txt'], dir, { XDG_CONFIG_HOME: xdg });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `pipe: error: ${join(xdg, 'pipe', 'config.yaml')}:1:10: invalid value \`-1\` for \`retries\``,
    );
  });

  it("names where an unknown backend came from: a pipeline's process.executor", async () => {
    const dir = scratchDir({
      'main.nf': 'process A {\n  script:\n  "true"\n}\nworkflow {\n  A()\n}\n',
      'nextflow.config': "process.executor = 'awsbatch'\n",
    });
    const result = await runPipe(['run', 'main.nf'], dir, isolated());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/pipe: error: .*nextflow\.config:1:\d+: the executor `awsbatch` is not supported/);
    const chosen = await runPipe(['run', 'main.nf', '-backend', 'local', '-quiet'], dir, isolated());
    expect(chosen.code, chosen.stderr).toBe(0);
  });

  it("names the file, line and column of a bad executor setting in a pipeline's config, and none for the command line's", async () => {
    const dir = scratchDir({
      'main.nf': 'process A {\n  script:\n  "true"\n}\nworkflow {\n  A()\n}\n',
      'nextflow.config': "executor {\n  $local {\n    cpus = 'many'\n  }\n  queueSize = 'x'\n}\n",
    });
    const result = await runPipe(['run', 'main.nf', '-backend', 'slurm'], dir, isolated());
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n').slice(-2);
    expect(lines[0]).toBe(
      `pipe: error: ${join(dir, 'nextflow.config')}:5:15: \`executor.queueSize\` in the pipeline's configuration: expected a positive whole number, got \`x\``,
    );
    expect(lines[1]).toMatch(/^ {2}hint: /);
    const local = await runPipe(['run', 'main.nf', '-executor.queueSize', '2'], dir, isolated());
    expect(local.stderr).toContain(`pipe: error: ${join(dir, 'nextflow.config')}:3:12: \`executor.$local.cpus\``);
    writeFileSync(join(dir, 'nextflow.config'), '');
    const given = await runPipe(['run', 'main.nf', '-executor.queueSize', 'abc'], dir, isolated());
    expect(given.stderr).toContain("pipe: error: `executor.queueSize` in the pipeline's configuration");
  });

  it('applies its run defaults, and the command line wins over them', async () => {
    const dir = scratchDir({ 'pipe.yaml': 'retries: 2\nretryDelay: 0\n', 'list.txt': 'echo x >> attempts; exit 3\n' });
    const first = await runPipe(['run', 'list.txt', '--quiet'], dir, isolated());
    expect(first.code).toBe(1);
    expect(readFileSync(join(dir, 'attempts'), 'utf8')).toBe('x\nx\nx\n'); // 1 + 2 retries
    const second = await runPipe(['run', 'list.txt', '--quiet', '--retries', '0'], dir, isolated());
    expect(second.code).toBe(1);
    expect(readFileSync(join(dir, 'attempts'), 'utf8')).toBe('x\nx\nx\nx\n');
  });
});

const slurm = requireService('Slurm', slurmReachable());

describe.runIf(slurm)('pipe.yaml choosing slurm', () => {
  it('runs a task list on Slurm with the queue and array size it gives, without --backend', async () => {
    const lines = Array.from({ length: 4 }, (_, i) => `echo "$SLURM_ARRAY_JOB_ID $SLURM_JOB_PARTITION" > out/${i}`);
    const dir = scratchDir({
      'pipe.yaml':
        'backend: slurm\nbackends:\n  slurm:\n    queue: debug\n    arraySize: 2\n    pollIntervalMs: 500\n    batchWindowMs: 2000\n',
      'list.txt': `${lines.join('\n')}\n`,
    });
    mkdirSync(join(dir, 'out'));
    const result = await runPipe(['run', 'list.txt', '--quiet'], dir, isolated());
    expect(result.code, result.stderr).toBe(0);
    const seen = [0, 1, 2, 3].map((i) =>
      readFileSync(join(dir, 'out', String(i)), 'utf8')
        .trim()
        .split(' '),
    );
    for (const [arrayJob, partition] of seen) {
      expect(arrayJob).toMatch(/^\d+$/);
      expect(partition).toBe('debug');
    }
    expect(new Set(seen.map(([arrayJob]) => arrayJob)).size).toBe(2); // 4 tasks in arrays of at most 2
  }, 120_000);
});
