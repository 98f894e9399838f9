import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  freshDir,
  readExitCode,
  WorkDirFile,
  workDirFor,
  writeWorkDir,
  type WorkDirSpec,
} from '../../../engine/workdir/index.js';
import { aliveNotZombie } from '../../helpers/process.js';

const root = mkdtempSync(join(tmpdir(), 'pipe-test-workdir-'));
let counter = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

const read = (dir: string, file: WorkDirFile): string => readFileSync(join(dir, file), 'utf8');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// Writes a work dir and runs `bash .command.run` in it, as every backend does; resolves with the wrapper's status.
const runWrapper = async (
  spec: WorkDirSpec,
  during?: (pid: number, dir: string) => Promise<void>,
): Promise<{ dir: string; status: number | null }> => {
  counter += 1;
  const dir = join(root, `task-${counter}`);
  writeWorkDir(dir, spec);
  const child = spawn('bash', ['.command.run'], { cwd: dir, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  if (during !== undefined) await during(child.pid!, dir);
  return { dir, status: await exited };
};

describe('workDirFor', () => {
  it('puts a task under <workRoot>/<key[0:2]>/<key[2:32]>', () => {
    const key = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
    expect(workDirFor('/work', key)).toBe('/work/01/23456789abcdef0123456789abcdef');
  });

  it('rejects a key too short to split', () => {
    expect(() => workDirFor('/work', 'ab')).toThrow(/`ab`/);
  });
});

describe('freshDir', () => {
  it('creates a work dir with its missing parents, and empties one an earlier attempt left', () => {
    const dir = join(root, 'fresh', 'ab', 'cdef');
    freshDir(dir);
    expect(readdirSync(dir)).toEqual([]);
    writeFileSync(join(dir, '.exitcode'), '1');
    freshDir(dir);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeWorkDir', () => {
  it('writes only .command.sh for a task the backend runs direct', () => {
    const dir = join(root, 'direct-only');
    writeWorkDir(dir, { script: 'true', name: 'direct', direct: true });
    expect(readdirSync(dir)).toEqual([WorkDirFile.Script]);
  });

  it('writes .command.sh under #!/bin/bash -ue, and keeps a script’s own shebang', async () => {
    const plain = join(root, 'plain');
    writeWorkDir(plain, { script: 'echo hi', name: 'plain' });
    expect(read(plain, WorkDirFile.Script)).toBe('#!/bin/bash -ue\necho hi\n');
    expect(read(plain, WorkDirFile.Run)).toContain('/bin/bash -ue .command.sh');
    const own = join(root, 'own');
    writeWorkDir(own, { script: '#!/usr/bin/env perl\nprint "hi\\n";\n', name: 'own' });
    expect(read(own, WorkDirFile.Script)).toBe('#!/usr/bin/env perl\nprint "hi\\n";\n');
    expect(read(own, WorkDirFile.Run)).toContain('/usr/bin/env perl .command.sh');
  });

  it('rejects an environment variable name a shell cannot export', async () => {
    expect(() => writeWorkDir(join(root, 'bad-env'), { script: 'true', name: 'x', env: { 'A-B': '1' } })).toThrow(
      /`A-B`/,
    );
  });
});

describe('.command.run', () => {
  it('runs the script, captures stdout and stderr, touches .command.begin and writes .exitcode 0', async () => {
    const { dir, status } = await runWrapper({ script: 'echo out; echo err >&2', name: 'ok' });
    expect(status).toBe(0);
    expect(read(dir, WorkDirFile.ExitCode)).toBe('0');
    expect(read(dir, WorkDirFile.Out)).toBe('out\n');
    expect(read(dir, WorkDirFile.Err)).toBe('err\n');
    expect(existsSync(join(dir, WorkDirFile.Begin))).toBe(true);
    expect(existsSync(join(dir, '.exitcode.tmp'))).toBe(false);
    expect(existsSync(join(dir, '.command.po'))).toBe(false);
  });

  it('records a failing exit code (exit 3) with no newline', async () => {
    const { dir, status } = await runWrapper({ script: 'echo partial; exit 3', name: 'fail' });
    expect(status).toBe(3);
    expect(read(dir, WorkDirFile.ExitCode)).toBe('3');
    expect(readExitCode(dir)).toBe(3);
    expect(read(dir, WorkDirFile.Out)).toBe('partial\n');
  });

  it('stops at the first failing command, as bash -ue does', async () => {
    const { dir } = await runWrapper({ script: 'false\necho unreachable', name: 'ue' });
    expect(readExitCode(dir)).toBe(1);
    expect(read(dir, WorkDirFile.Out)).toBe('');
  });

  it('exports the task environment and gives the script /dev/null as stdin', async () => {
    const env = { GREETING: 'it\'s a "test" $HOME', EMPTY: '' };
    const { dir } = await runWrapper({ script: 'printf "%s|%s|" "$GREETING" "$EMPTY"; cat', name: 'env', env });
    expect(readExitCode(dir)).toBe(0);
    expect(read(dir, WorkDirFile.Out)).toBe(`${env.GREETING}||`);
  });

  it('runs .command.sh through the run command a task gives (a container engine’s), from the work dir', async () => {
    const runCommand = 'env SEEN_BY=launcher bash -ue .command.sh';
    const { dir } = await runWrapper({
      script: 'echo "$SEEN_BY $(basename "$PWD")"',
      name: 'run',
      wrapper: { runCommand },
    });
    expect(readExitCode(dir)).toBe(0);
    expect(read(dir, WorkDirFile.Out)).toBe(`launcher ${dir.split('/').pop() ?? ''}\n`);
  });

  it('runs from its own dir wherever it is started', async () => {
    counter += 1;
    const dir = join(root, `task-${counter}`);
    writeWorkDir(dir, { script: 'pwd', name: 'cwd' });
    const child = spawn('bash', [join(dir, WorkDirFile.Run)], { cwd: root, stdio: 'ignore' });
    await new Promise((resolve) => child.on('exit', resolve));
    expect(read(dir, WorkDirFile.Out)).toBe(`${dir}\n`);
  });

  it('copies the output into its own stdout (.command.log) by default, and only into the files with direct output', async () => {
    for (const direct of [false, true]) {
      counter += 1;
      const dir = join(root, `task-${counter}`);
      writeWorkDir(dir, {
        script: 'echo out; echo err >&2; exit 4',
        name: 'direct',
        wrapper: { directOutput: direct },
      });
      const child = spawn('bash', ['.command.run'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let log = '';
      child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
      const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      expect(status).toBe(4);
      expect(read(dir, WorkDirFile.ExitCode)).toBe('4');
      expect(read(dir, WorkDirFile.Out)).toBe('out\n');
      expect(read(dir, WorkDirFile.Err)).toBe('err\n');
      expect(log.split('\n').sort().join(' ').trim()).toBe(direct ? '' : 'err out');
    }
  });

  it('runs an inline bash script in a subshell under its shebang’s options, and other scripts with their interpreter', async () => {
    const inline = { inlineScript: true };
    const strict = await runWrapper({ script: 'false\necho unreachable', name: 'inline-ue', wrapper: inline });
    expect(read(strict.dir, WorkDirFile.Run)).not.toContain('bash -ue .command.sh');
    expect([strict.status, read(strict.dir, WorkDirFile.Out)]).toEqual([1, '']);
    const unset = await runWrapper({ script: 'echo "${NOT_SET_ANYWHERE}"', name: 'inline-u', wrapper: inline });
    expect(unset.status).toBe(1);
    expect(read(unset.dir, WorkDirFile.Err)).toMatch(/NOT_SET_ANYWHERE: unbound variable/);
    const lax = await runWrapper({
      script: '#!/bin/bash\necho "[${NOT_SET_ANYWHERE}]"; false; echo "$GREETING"; exit 7',
      name: 'inline-lax',
      env: { GREETING: 'hi' },
      wrapper: inline,
    });
    expect([lax.status, read(lax.dir, WorkDirFile.Out)]).toEqual([7, '[]\nhi\n']);
    const python = await runWrapper({
      script: '#!/usr/bin/env python3\nprint("from python")',
      name: 'inline-python',
      wrapper: inline,
    });
    expect([python.status, read(python.dir, WorkDirFile.Out)]).toEqual([0, 'from python\n']);
  });

  it('on SIGTERM ends the task, keeps its output so far and writes .exitcode 143, inline or not', async () => {
    for (const inlineScript of [false, true]) {
      const marker = join(root, `sigterm-child-pid-${inlineScript}`);
      const script = `echo started; sleep 30 & echo $! > ${marker}; wait`;
      const { dir, status } = await runWrapper({ script, name: 'term', wrapper: { inlineScript } }, async (pid) => {
        for (let i = 0; i < 100 && !existsSync(marker); i++) await sleep(20);
        process.kill(pid, 'SIGTERM');
      });
      expect(status).toBe(143);
      expect(read(dir, WorkDirFile.ExitCode)).toBe('143');
      expect(read(dir, WorkDirFile.Out)).toBe('started\n');
      const sleeper = Number(readFileSync(marker, 'utf8'));
      for (let i = 0; i < 20 && aliveNotZombie(sleeper); i++) await sleep(50);
      expect(aliveNotZombie(sleeper)).toBe(false);
    }
  });
});

describe('readExitCode', () => {
  it('is undefined while .exitcode is absent or not an integer', () => {
    expect(readExitCode(join(root, 'no-such-dir'))).toBeUndefined();
    const partial = mkdtempSync(join(root, 'partial-'));
    writeFileSync(join(partial, '.exitcode'), '');
    expect(readExitCode(partial)).toBeUndefined();
    writeFileSync(join(partial, '.exitcode'), 'abc');
    expect(readExitCode(partial)).toBeUndefined();
    writeFileSync(join(partial, '.exitcode'), '137\n');
    expect(readExitCode(partial)).toBe(137);
  });
});
