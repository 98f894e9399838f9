// The cases the replay of Nextflow's grid executors (bench/nextflow/) runs against a scheduler, the same for pipe's
// shims and for the real Slurm: hello, a failing task, resources, cancel, a fan-out and symlink staging.
import { existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startExecutorLoop, type ExecutorLoop, type TaskHandle } from '../../bench/nextflow/executor-loop.js';
import { FLAVOURS, type FlavourName } from '../../bench/nextflow/flavours.js';
import { waitFor } from '../helpers/cli.js';

export interface Target {
  readonly label: string; // "pipe shims", "Slurm"
  readonly env: () => NodeJS.ProcessEnv; // whose commands come first on PATH
  readonly dir: () => string; // where work dirs go
  readonly jobIdPattern: Readonly<Record<FlavourName, RegExp>>;
  // Checks what the scheduler recorded of the resources task (pipe: the pilot's store).
  readonly checkResources?: ((flavour: FlavourName, handle: TaskHandle) => void) | undefined;
  readonly fanOut?: number | undefined; // tasks in the fan-out case (0: skip it)
  // Whether the job's output goes to the header's -o path (Slurm's qsub wrapper does not take #PBS -o from it).
  readonly writesJobLog?: ((flavour: FlavourName) => boolean) | undefined;
}

// A fresh loop for a flavour, polling fast (as `executor.pollInterval` and `queueStatInterval` can be set).
function loop(target: Target, flavour: FlavourName, capacity = 100): ExecutorLoop {
  return startExecutorLoop({
    flavour: FLAVOURS[flavour],
    env: target.env(),
    user: userInfo().username,
    capacity,
    pollIntervalMs: 200,
    queueStatIntervalMs: 200,
    exitReadTimeoutMs: 5_000,
  });
}

// Declares the cases for each flavour.
export function nextflowCases(target: Target, flavours: readonly FlavourName[]): void {
  describe.each(flavours)(`Nextflow executor %s on ${target.label}`, (flavour) => {
    const work = (name: string): string => join(target.dir(), flavour, name);

    it('runs four hello tasks: exit 0, output in .command.out and the job log', async () => {
      const nf = loop(target, flavour);
      const handles = [1, 2, 3, 4].map((n) =>
        nf.submit({ name: `hello (${n})`, workDir: work(`hello-${n}`), script: `echo "hello ${n}"` }),
      );
      await Promise.all(handles.map((h) => h.done));
      nf.stop();
      for (const [i, h] of handles.entries()) {
        expect(h.submitError).toBeUndefined();
        expect(h.exitStatus).toBe(0);
        expect(readFileSync(join(h.task.workDir, '.command.out'), 'utf8')).toBe(`hello ${i + 1}\n`);
        if (target.writesJobLog?.(flavour) ?? true)
          expect(readFileSync(join(h.task.workDir, '.command.log'), 'utf8')).toContain(`hello ${i + 1}`);
      }
      expect(handles[0]!.jobId).toMatch(target.jobIdPattern[flavour]);
    });

    it('reports a failing task’s exit status 3', async () => {
      const nf = loop(target, flavour);
      const h = nf.submit({ name: 'fail', workDir: work('fail'), script: 'echo before; exit 3' });
      await h.done;
      nf.stop();
      expect(h.exitStatus).toBe(3);
      expect(readFileSync(join(h.task.workDir, '.exitcode'), 'utf8')).toBe('3');
    });

    it('runs a task with the cpus, memory and time of its header', async () => {
      const nf = loop(target, flavour);
      const h = nf.submit({
        name: 'resources',
        workDir: work('resources'),
        cpus: 2,
        memoryMb: 1024,
        timeSeconds: 3600,
        script: 'echo "job=${SLURM_JOB_ID:-${PBS_JOBID:-}}"',
      });
      await h.done;
      nf.stop();
      expect(h.exitStatus).toBe(0);
      expect(readFileSync(join(h.task.workDir, '.command.out'), 'utf8')).toMatch(/^job=\d+/);
      target.checkResources?.(flavour, h);
    });

    it('cancels a running task: SIGTERM reaches .command.run, whose trap writes .exitcode 143 within seconds', async () => {
      const nf = loop(target, flavour);
      const h = nf.submit({ name: 'sleeper', workDir: work('cancel'), script: 'sleep 60' });
      await waitFor(() => h.status === 'RUNNING', 30_000);
      const killed = await nf.kill(h);
      expect(killed.code).toBe(0);
      await waitFor(() => existsSync(join(h.task.workDir, '.exitcode')), 30_000);
      await h.done;
      nf.stop();
      expect(h.exitStatus).toBe(143);
    }, 60_000);

    it.skipIf((target.fanOut ?? 200) === 0)(
      'fans out 200 tasks with at most 100 outstanding, all succeeding',
      async () => {
        const n = target.fanOut ?? 200;
        const nf = loop(target, flavour, 100);
        const handles = Array.from({ length: n }, (_, i) =>
          nf.submit({ name: `fan (${i})`, workDir: work(`fan-${i}`), script: `echo ${i}` }),
        );
        await Promise.all(handles.map((h) => h.done));
        nf.stop();
        expect(handles.filter((h) => h.exitStatus !== 0)).toEqual([]);
        expect(nf.maxOutstanding).toBeLessThanOrEqual(100);
        expect(new Set(handles.map((h) => h.jobId)).size).toBe(n);
      },
      300_000,
    );

    it('stages inputs by symlink into the work dir before the script reads them', async () => {
      const data = join(target.dir(), 'data');
      mkdirSync(data, { recursive: true });
      writeFileSync(join(data, 'sample.txt'), 'ACGT\n');
      const nf = loop(target, flavour);
      const h = nf.submit({
        name: 'stage',
        workDir: work('stage'),
        inputs: { 'sample.txt': join(data, 'sample.txt') },
        script: 'tr ACGT TGCA < sample.txt > out.txt',
      });
      await h.done;
      nf.stop();
      expect(h.exitStatus).toBe(0);
      expect(lstatSync(join(h.task.workDir, 'sample.txt')).isSymbolicLink()).toBe(true);
      expect(readFileSync(join(h.task.workDir, 'out.txt'), 'utf8')).toBe('TGCA\n');
    });
  });
}
