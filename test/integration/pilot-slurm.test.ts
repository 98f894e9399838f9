// Pilot agents launched as batch jobs through the real Slurm (and its PBS wrappers): a 5,000-task list runs to
// completion on two agent jobs, never submitting a job per task.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';
import { pbsReachable, requireService, slurmReachable } from '../helpers/services.js';

const available = requireService('Slurm', slurmReachable()) && requireService('PBS wrappers', pbsReachable());

describe.runIf(available)('pilot agents as Slurm and PBS jobs', () => {
  it('runs a 5,000-task list to completion on two agents submitted through Slurm', async () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `echo ${i} > out/${i % 100}/${i}`);
    const dir = scratchDir({ 'list.txt': `${lines.join('\n')}\n` });
    for (let i = 0; i < 100; i++) mkdirSync(join(dir, 'out', String(i)), { recursive: true });
    const result = await runPipe(
      [
        'run',
        'list.txt',
        '--agents',
        'slurm:2',
        '--backend-opt',
        'agentJobs=2',
        '--backend-opt',
        'walltime=10m',
        '--quiet',
      ],
      dir,
    );
    expect(result.code, result.stderr).toBe(0);
    const written = readdirSync(join(dir, 'out')).reduce(
      (sum, sub) => sum + readdirSync(join(dir, 'out', sub)).length,
      0,
    );
    expect(written).toBe(5_000);
    const status = await runPipe(['status'], dir);
    expect(status.stdout).toMatch(/succeeded\s+5,000/);
    // Two agent jobs ran everything: the run's pilot log names each agent job it started.
    const [pilotDir] = readdirSync(join(dir, '.pipe', 'pilot'));
    const log = readFileSync(join(dir, '.pipe', 'pilot', pilotDir!, 'pilot.log'), 'utf8');
    expect(log.match(/started agent-\d+/g)).toHaveLength(2);
    expect(log.match(/agent-\d+ ended: slurm job \d+: exit 0/g)).toHaveLength(2);
  }, 300_000);

  it('runs a task list on an agent submitted through the PBS commands', async () => {
    const dir = scratchDir({ 'list.txt': 'echo one > one.txt\necho two > two.txt\n' });
    const result = await runPipe(['run', 'list.txt', '--agents', 'pbs:1', '--quiet'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['one.txt', 'two.txt']));
  }, 180_000);
});
