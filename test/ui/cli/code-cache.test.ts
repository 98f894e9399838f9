import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeCachePath, codeProfile } from '../../../ui/cli/code-cache.js';
import { runPipe, scratchDir } from '../../helpers/cli.js';

const dirs: string[] = [];
const scratch = (files: Record<string, string> = {}): string => {
  const dir = scratchDir(files);
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('code cache path', () => {
  it('is under XDG_CACHE_HOME, else ~/.cache, and off with NODE_DISABLE_COMPILE_CACHE', () => {
    const dir = scratch({ 'a.cjs': 'module.exports = 1;\n' });
    const file = join(dir, 'a.cjs');
    expect(codeCachePath(file, { XDG_CACHE_HOME: '/c' }, ['--version'])).toMatch(
      /^\/c\/pipe\/code\/[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-other\.bin$/,
    );
    expect(codeCachePath(file, { HOME: '/h' }, ['run', 'x.cwl'])).toMatch(
      /^\/h\/\.cache\/pipe\/code\/[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-run-cwl\.bin$/,
    );
    expect(codeCachePath(file, { HOME: '/h', NODE_DISABLE_COMPILE_CACHE: '1' })).toBeUndefined();
    expect(codeCachePath(file, { HOME: '/h', NODE_DISABLE_COMPILE_CACHE: '0' })).toBeDefined();
  });

  it('differs between runs with different Node options, whose V8 flags would make V8 reject the other cache', () => {
    const dir = scratch({ 'a.cjs': 'module.exports = 1;\n' });
    const file = join(dir, 'a.cjs');
    expect(codeCachePath(file, { HOME: '/h', NODE_OPTIONS: '--max-old-space-size=4096' })).not.toBe(
      codeCachePath(file, { HOME: '/h' }),
    );
  });

  it('changes when the file is rebuilt, even at the same length', () => {
    const dir = scratch({ 'a.cjs': 'module.exports = 1;\n' });
    const file = join(dir, 'a.cjs');
    const before = codeCachePath(file, { HOME: '/h' });
    rmSync(file);
    writeFileSync(file, 'module.exports = 2;\n');
    expect(codeCachePath(file, { HOME: '/h' })).not.toBe(before);
  });
});

describe('code profile', () => {
  it.each([
    [['--version'], 'other'],
    [['--help'], 'other'],
    [['run', '--outdir', 'o', 'tool.cwl', 'job.yml'], 'run-cwl'],
    [['--debug', 'run', 'main.nf', '-resume'], 'run-nf'],
    [['run', 'commands'], 'run'],
    [['run', '-j', '4', 'Tasks.TXT'], 'run-txt'],
    [['check', 'dag.yaml'], 'check-yaml'],
    [['status', 'run.cwl'], 'status'],
    [['agent', '--server', 'tcp://h:1'], 'agent'],
  ])('names the code path of `pipe %j`: %s', (args, profile) => {
    expect(codeProfile(args)).toBe(profile);
  });
});

describe('the bundled command line with its code cache', () => {
  it('writes the cache on the first run, reuses it unchanged, and replaces one V8 rejects', async () => {
    const cache = scratch();
    const env = { XDG_CACHE_HOME: cache };
    const cwd = scratch();
    const first = await runPipe(['--version'], cwd, env);
    expect(first.code).toBe(0);
    const codeDir = join(cache, 'pipe', 'code');
    const files = readdirSync(codeDir);
    expect(files).toHaveLength(1);
    const cacheFile = join(codeDir, files[0]!);
    const written = statSync(cacheFile).mtimeMs;

    const second = await runPipe(['--version'], cwd, env);
    expect(second).toMatchObject({ code: 0, stdout: first.stdout });
    expect(statSync(cacheFile).mtimeMs).toBe(written); // accepted: not written again

    writeFileSync(cacheFile, 'not a code cache');
    const third = await runPipe(['--version'], cwd, env);
    expect(third).toMatchObject({ code: 0, stdout: first.stdout });
    expect(readFileSync(cacheFile).length).toBeGreaterThan(1000);
    expect(readdirSync(codeDir)).toEqual(files); // no scratch file left behind
  });

  it("keeps one cache per code path, and drops an earlier build's caches when it saves a new build's", async () => {
    const cache = scratch();
    const env = { XDG_CACHE_HOME: cache };
    const cwd = scratch({ 'list.txt': 'true\n' });
    const codeDir = join(cache, 'pipe', 'code');
    expect((await runPipe(['--version'], cwd, env)).code).toBe(0);
    expect((await runPipe(['run', '--quiet', 'list.txt'], cwd, env)).code).toBe(0);
    const files = readdirSync(codeDir).sort();
    expect(files.map((f) => f.replace(/^([0-9a-f]{8}-){3}/, ''))).toEqual(['other.bin', 'run-txt.bin']);
    const installation = files[0]!.slice(0, 8);
    writeFileSync(join(codeDir, `${installation}-00000000-00000000-other.bin`), 'an earlier build');
    writeFileSync(join(codeDir, '0badf00d-00000000-00000000-other.bin'), 'another installation');
    expect((await runPipe(['check', 'list.txt'], cwd, env)).code).toBe(0);
    expect(readdirSync(codeDir).sort()).toEqual(
      ['0badf00d-00000000-00000000-other.bin', ...files, files[0]!.replace(/other\.bin$/, 'check-txt.bin')].sort(),
    );
  });

  it('runs without a cache when it is turned off or cannot be written', async () => {
    const cwd = scratch();
    const off = await runPipe(['--version'], cwd, { NODE_DISABLE_COMPILE_CACHE: '1', XDG_CACHE_HOME: join(cwd, 'c') });
    expect(off.code).toBe(0);
    expect(() => readdirSync(join(cwd, 'c'))).toThrow();
    const blocked = scratch({ file: '' });
    const unwritable = await runPipe(['--version'], cwd, { XDG_CACHE_HOME: join(blocked, 'file') });
    expect(unwritable).toMatchObject({ code: 0, stdout: off.stdout, stderr: '' });
  });
});
