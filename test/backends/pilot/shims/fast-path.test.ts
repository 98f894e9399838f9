// The fast shim scripts (POSIX sh): which submissions they spool without a round trip (and that the gateway's
// parser accepts every one of those), the records they write and the ids they claim, under dash and bash; the
// gateway's spool reader; and the status scripts printing the gateway's snapshot.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FLAVOURS, type FlavourName } from '../../../../bench/nextflow/flavours.js';
import { commandRun } from '../../../../bench/nextflow/wrapper.js';
import { parseExportList } from '../../../../backends/pilot/shims/exported-env.js';
import { parseQsub } from '../../../../backends/pilot/shims/qsub.js';
import { parseSbatch } from '../../../../backends/pilot/shims/sbatch.js';
import { writeShims } from '../../../../backends/pilot/shims/shim-files.js';
import type { ShimRequest } from '../../../../backends/pilot/shims/shim-commands.js';
import { openSpool, parseSpoolRecord, type SpooledJob } from '../../../../backends/pilot/shims/spool.js';

let dir: string;
let bin: string;
let state: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipe-fast-shims-'));
  bin = join(dir, 'bin');
  state = writeShims(bin, { launchDir: dir, idleTimeoutMs: 1000 }, ['false']);
  // The round trip is replaced by a script that says it was taken; a live pid stands for the gateway.
  for (const command of ['sbatch', 'qsub', 'squeue', 'qstat'])
    writeFileSync(join(state, 'slow', command), '#!/bin/sh\necho "SLOW $*"\n', { mode: 0o755 });
  writeFileSync(join(state, 'gateway.pid'), `${process.pid}\n`);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// Runs a shim under a shell (dash unless told), in `cwd`.
function run(command: string, args: readonly string[], cwd = dir, shell = ['dash'], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(shell[0]!, [...shell.slice(1), join(bin, command), ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: dir, ...env },
  });
  return { out: result.stdout, err: result.stderr, code: result.status };
}

// Writes a job script and submits it with `command`; returns what was printed.
function submit(command: 'sbatch' | 'qsub', header: string, args: readonly string[] = []) {
  const script = join(dir, `job-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(script, `#!/bin/bash\n${header}\necho hi\n`);
  return { ...run(command, [...args, script]), script };
}

const spooled = (): string[] => readdirSync(join(state, 'spool')).sort((a, b) => Number(a) - Number(b));
const record = (id: string): ShimRequest => parseSpoolRecord(readFileSync(join(state, 'spool', id))) as ShimRequest;

describe('fast sbatch and qsub', () => {
  it('spool what Nextflow submits, for each flavour, and print the id as the real commands do', () => {
    const tasks = [
      { name: 'hello (1)', workDir: join(dir, 'w1') },
      { name: 'big', workDir: join(dir, 'w2'), cpus: 4, memoryMb: 2048, timeSeconds: 3600, queue: 'long' },
      { name: 'acct', workDir: join(dir, 'w3'), account: 'p1', clusterOptions: '--qos=high -N 1' },
    ];
    for (const name of ['slurm', 'pbs', 'pbspro'] as FlavourName[]) {
      for (const task of tasks) {
        const flavour = FLAVOURS[name];
        if (name !== 'slurm' && task.clusterOptions !== undefined) continue;
        mkdirSync(task.workDir, { recursive: true });
        writeFileSync(join(task.workDir, '.command.run'), commandRun(flavour, { ...task, script: 'true' }));
        const argv = flavour.submitCommand(task, '.command.run');
        const { out, code } = run(argv[0]!, argv.slice(1), task.workDir);
        const id = spooled().at(-1)!;
        expect(code).toBe(0);
        expect(out).toBe(name === 'slurm' ? `Submitted batch job ${id}\n` : `${id}.pipe\n`);
        expect(record(id)).toMatchObject({ command: argv[0], args: argv.slice(1), cwd: task.workDir });
      }
    }
    expect(spooled()).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });

  it('hand anything else to the round trip', () => {
    const slow: [string, string, string[]?][] = [
      ['#SBATCH --dependency=afterok:1', ''],
      ['', '', ['--wait']],
      ['', '', ['--parsable']],
      ['#SBATCH --array=0-3', ''],
      ['#SBATCH -t 1:2:3:4', ''],
      ['#SBATCH -t 1-2-3', ''],
      ['#SBATCH -c 0', ''],
      ['#SBATCH --mem 1.5G', ''],
      ['#SBATCH -J "two words"', ''],
      ['#SBATCH --signal=B:WINCH@30', ''],
      ['#SBATCH --hold', ''],
      ['#SBATCH --unknown-option', ''],
    ];
    for (const [header, , args] of slow) {
      const { out } = submit('sbatch', header, args);
      expect(out, header || args?.join(' ')).toMatch(/^SLOW /);
    }
    for (const [header, args] of [
      ['#PBS -J 0-3', []],
      ['#PBS -h', []],
      ['#PBS -l walltime=1:2:3:4', []],
      ['#PBS -l nodes=1:ppn=x', []],
      ['', ['-z']],
      ['', ['-I']],
    ] as [string, string[]][]) {
      expect(submit('qsub', header, args).out, header || args.join(' ')).toMatch(/^SLOW /);
    }
    // No script: it comes from stdin, which only the round trip reads.
    expect(run('sbatch', []).out).toMatch(/^SLOW/);
    expect(run('sbatch', ['-J', 'x']).out).toMatch(/^SLOW/);
    // Not a batch script.
    writeFileSync(join(dir, 'plain.sh'), 'echo hi\n');
    expect(run('sbatch', ['plain.sh']).out).toMatch(/^SLOW/);
    expect(spooled()).toEqual([]);
  });

  it('take only what the gateway’s parser accepts: random headers and command lines', () => {
    const sbatchWords = [
      ['-J', 'x'],
      ['-c', '2'],
      ['-c', '0'],
      ['-c2'],
      ['--cpus-per-task=3'],
      ['--cpus-per-task=a'],
      ['-t', '10'],
      ['-t', '1-02:03:04'],
      ['-t', '1:2:3:4'],
      ['-t', ':5'],
      ['--time=2-3'],
      ['--mem', '4G'],
      ['--mem=10GB'],
      ['--mem=G'],
      ['--mem-per-cpu=100'],
      ['--signal', 'B:USR2@30'],
      ['--signal=USR1'],
      ['--signal=B:USR2@'],
      ['-p', 'long'],
      ['--export=NONE'],
      ['--no-requeue'],
      ['-N', '1'],
      ['--qos=high'],
      ['-o', '/tmp/x.log'],
      ['-n', '2'],
      ['--exclusive'],
    ];
    const qsubWords = [
      ['-N', 'x'],
      ['-l', 'nodes=1:ppn=2'],
      ['-l', 'nodes=1:ppn=0'],
      ['-l', 'select=1:ncpus=4:mem=2gb'],
      ['-l', 'walltime=01:00:00'],
      ['-l', 'walltime=1.5'],
      ['-l', 'mem=100mb'],
      ['-l', 'mem=1.5gb'],
      ['-l', 'ncpus=x'],
      ['-l', 'nodes='],
      ['-j', 'oe'],
      ['-q', 'workq'],
      ['-V'],
      ['-v', 'A=1,B'],
      ['-P', 'proj'],
      ['-W', 'x=y'],
    ];
    let seed = 7;
    const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    let fast = 0;
    for (let round = 0; round < 80; round++) {
      const command = round % 2 === 0 ? 'sbatch' : 'qsub';
      const pool = command === 'sbatch' ? sbatchWords : qsubWords;
      const token = command === 'sbatch' ? '#SBATCH' : '#PBS';
      const pick = (): string[] => pool[random(pool.length)]!;
      const header = [pick(), pick()].map((w) => `${token} ${w.join(' ')}`).join('\n');
      const args = random(3) === 0 ? pick() : [];
      const { out, script } = submit(command, header, args);
      if (out.startsWith('SLOW')) continue;
      fast += 1;
      const text = readFileSync(script, 'utf8');
      const input = { args: [...args, script], cwd: dir, readFile: () => text, home: dir };
      expect(() => (command === 'sbatch' ? parseSbatch(input) : parseQsub(input)), `${header} ${args}`).not.toThrow();
    }
    expect(fast).toBeGreaterThan(10);
  });

  it('record the command line, directory and environment exactly, under dash, bash and bash --posix', () => {
    const env = { ODD: `it's "q" $x \\ \`b\`\nline2\ttab é`, EMPTY: '', 'NOT-A-NAME': 'skipped by shells' };
    for (const shell of [['dash'], ['bash'], ['bash', '--posix']]) {
      writeFileSync(join(dir, 'job.sh'), '#!/bin/sh\n#SBATCH -J ab\n');
      const before = spooled().length;
      const { out } = run('sbatch', ['-o', 'out file.log', 'job.sh'], dir, shell, env);
      expect(out, shell.join(' ')).toMatch(/^Submitted batch job \d+\n$/);
      expect(spooled()).toHaveLength(before + 1);
      const r = record(spooled().at(-1)!);
      expect(r.args).toEqual(['-o', 'out file.log', 'job.sh']);
      expect(r.cwd).toBe(dir);
      expect(r.env.ODD).toBe(env.ODD);
      expect(r.env.EMPTY).toBe('');
      expect(r.env.HOME).toBe(dir);
    }
  });

  it('never give one id twice when many submit at once', async () => {
    writeFileSync(join(dir, 'job.sh'), '#!/bin/sh\n#SBATCH -J ab\n');
    const outs = await Promise.all(
      Array.from(
        { length: 30 },
        () =>
          new Promise<string>((resolve) => {
            const child = spawn(join(bin, 'sbatch'), ['job.sh'], { cwd: dir });
            let out = '';
            child.stdout.on('data', (c: Buffer) => (out += c.toString()));
            child.on('close', () => resolve(out));
          }),
      ),
    );
    const ids = outs.map((o) => Number(/Submitted batch job (\d+)/.exec(o)?.[1]));
    expect(new Set(ids).size).toBe(30);
    expect(spooled()).toHaveLength(30);
  });
});

describe('the gateway’s spool', () => {
  it('takes each complete record once, waits for an incomplete one, and claims ids past the scripts’ ones', async () => {
    const taken: (SpooledJob | { id: number; error: string })[] = [];
    writeFileSync(join(dir, 'job.sh'), '#!/bin/sh\n');
    run('sbatch', ['job.sh']);
    run('sbatch', ['job.sh']);
    writeFileSync(join(state, 'spool', '3'), 'pipe-spool-1\0sbatch\0/x\0'); // being written
    const spool = openSpool(
      state,
      (job) => taken.push(job),
      () => undefined,
    );
    try {
      expect(taken.map((j) => j.id)).toEqual([1, 2]);
      expect(readFileSync(join(state, 'spool', '1'), 'utf8')).toBe(''); // a taken claim
      expect(spool.claim(1)).toBe(4);
      writeFileSync(join(state, 'spool', '3'), `pipe-spool-1\0sbatch\0/x\x001\0job.sh\0export A='1'\n\0end\0`);
      await waitFor(() => taken.length === 3);
      const third = taken[2] as SpooledJob;
      expect(third.request).toMatchObject({
        command: 'sbatch',
        cwd: '/x',
        args: ['job.sh'],
        env: { A: '1' },
        jobId: 3,
      });
      spool.scan();
      expect(taken).toHaveLength(3);
      await waitFor(() => readFileSync(join(state, 'next-job-id'), 'utf8') === '5\n');
      expect(run('sbatch', ['job.sh']).out).toBe('Submitted batch job 5\n');
    } finally {
      spool.close();
    }
  });

  it('reads export -p listings of dash and bash', () => {
    expect(parseExportList(`export A='x'"'"'y'\nexport B\nexport C='l1\nl2'\n`)).toEqual({ A: "x'y", C: 'l1\nl2' });
    expect(parseExportList(`declare -x D="a\\"b\\$c"\nexport E=$'t\\tq\\'\\n'\n`)).toEqual({
      D: 'a"b$c',
      E: "t\tq'\n",
    });
  });
});

describe('fast squeue and qstat', () => {
  it('print the snapshot for Nextflow’s command lines while the gateway lives, and go the round trip otherwise', () => {
    const me = userInfo().username;
    writeFileSync(join(state, 'status', 'squeue'), '7 R\n');
    writeFileSync(join(state, 'status', 'qstat-f-1'), 'Job Id: 7.pipe\n    job_state = R\n');
    expect(run('squeue', ['--noheader', '-o', '%i %t', '-t', 'all', '-u', me]).out).toBe('7 R\n');
    expect(run('qstat', ['-f', '-1']).out).toBe('Job Id: 7.pipe\n    job_state = R\n');
    expect(run('squeue', ['--noheader', '-o', '%i %t', '-t', 'all', '-u', 'someone-else']).out).toMatch(/^SLOW/);
    expect(run('squeue', []).out).toMatch(/^SLOW/);
    expect(run('qstat', ['-f']).out).toMatch(/^SLOW/); // no snapshot written for it yet
    rmSync(join(state, 'gateway.pid'));
    expect(run('qstat', ['-f', '-1']).out).toMatch(/^SLOW/);
  });
});

// Waits until `ready` holds (at most 5 s).
async function waitFor(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 250 && !ready(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(ready()).toBe(true);
}
