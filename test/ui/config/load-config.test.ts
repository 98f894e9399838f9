import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, formatLocation } from '../../../engine/errors.js';
import { configFiles, loadConfigLayers, readConfigFile } from '../../../ui/config/index.js';
import { scratchDir } from '../../helpers/cli.js';

// Reads TEXT as a pipe.yaml and returns the error it raises, with "file:line:col: message".
async function failure(
  text: string,
): Promise<{ where: string; message: string; hint: string | undefined; error: ConfigError }> {
  const dir = scratchDir({ 'pipe.yaml': text });
  const error = await readConfigFile(join(dir, 'pipe.yaml')).then(
    () => {
      throw new Error('expected the file to be rejected');
    },
    (e: unknown) => e as ConfigError,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return {
    where: formatLocation(error.location!).slice(dir.length + 1),
    message: error.message,
    hint: error.hint,
    error,
  };
}

describe('pipe.yaml and the user config file', () => {
  it('reads the backend, its options and run defaults', async () => {
    const dir = scratchDir({
      'pipe.yaml':
        'backend: slurm\nbackends:\n  slurm: { queue: short, account: proj, arraySize: 500 }\n  pbs:\n    flavor: pbspro\njobs: 40\nretries: 2\nworkDir: /scratch/work\n',
    });
    const layer = await readConfigFile(join(dir, 'pipe.yaml'));
    expect(layer).toMatchObject({
      backend: 'slurm',
      backends: { slurm: { queue: 'short', account: 'proj', arraySize: 500 }, pbs: { flavor: 'pbspro' } },
      jobs: 40,
      retries: 2,
      workDir: '/scratch/work',
    });
  });

  it('takes an empty file as no settings', async () => {
    const dir = scratchDir({ 'pipe.yaml': '# nothing yet\n' });
    expect(await readConfigFile(join(dir, 'pipe.yaml'))).toEqual({ source: join(dir, 'pipe.yaml') });
  });

  it("names a bad backend option's line, column and value, exit code 2", async () => {
    const { where, message, error } = await failure('backend: slurm\nbackends:\n  slurm:\n    arraySize: -5\n');
    expect(where).toBe('pipe.yaml:4:16');
    expect(message).toBe('invalid value `-5` for `backends.slurm.arraySize`: expected number to be >0');
    expect(error.exitCode).toBe(2);
  });

  it('suggests the option meant by a misspelt key, pointing at the key', async () => {
    const { where, message, hint } = await failure('backends:\n  slurm:\n    queue: short\n    acount: proj\n');
    expect(where).toBe('pipe.yaml:4:5');
    expect(message).toBe('unknown key `backends.slurm.acount`');
    expect(hint).toMatch(/did you mean `account`/);
  });

  it('rejects an unknown backend, as the chosen one or as a section', async () => {
    const chosen = await failure('jobs: 4\nbackend: slrum\n');
    expect(chosen.where).toBe('pipe.yaml:2:10');
    expect(chosen.message).toBe('unknown backend "slrum"');
    expect(chosen.hint).toMatch(/did you mean `slurm`/);
    const section = await failure('backends:\n  lsf: { queue: short }\n');
    expect(section.where).toBe('pipe.yaml:2:3');
    expect(section.message).toBe('unknown backend "lsf"');
  });

  it('rejects a run default of the wrong type and an unknown top-level key', async () => {
    const jobs = await failure('jobs: many\n');
    expect(jobs.where).toBe('pipe.yaml:1:7');
    expect(jobs.message).toBe('invalid value "many" for `jobs`: expected number, received string');
    const key = await failure('workdir: /scratch\n');
    expect(key.message).toBe('unknown key `workdir`');
    expect(key.hint).toMatch(/did you mean `workDir`/);
  });

  it('checks pbs-only options against the pbs schema', async () => {
    const { where, message } = await failure('backends:\n  pbs:\n    flavor: sge\n');
    expect(where).toBe('pipe.yaml:3:13');
    expect(message).toMatch(/^invalid value "sge" for `backends.pbs.flavor`: expected one of "torque"\|"pbspro"/);
  });

  it('finds the user file under XDG_CONFIG_HOME, else ~/.config', () => {
    expect(configFiles('/launch', { XDG_CONFIG_HOME: '/xdg', HOME: '/home/u' })).toEqual([
      '/launch/pipe.yaml',
      '/xdg/pipe/config.yaml',
    ]);
    expect(configFiles('/launch', { HOME: '/home/u' })).toEqual([
      '/launch/pipe.yaml',
      '/home/u/.config/pipe/config.yaml',
    ]);
  });

  it('loads the launch directory file before the user file, and skips a workflow that is itself named pipe.yaml', async () => {
    const launch = scratchDir({ 'pipe.yaml': 'retries: 1\n' });
    const xdg = scratchDir();
    mkdirSync(join(xdg, 'pipe'));
    writeFileSync(join(xdg, 'pipe', 'config.yaml'), 'retries: 5\nbackend: pbs\n');
    const layers = await loadConfigLayers(launch, { XDG_CONFIG_HOME: xdg });
    expect(layers.map((l) => l.retries)).toEqual([1, 5]);
    const skipped = await loadConfigLayers(launch, { XDG_CONFIG_HOME: xdg }, join(launch, 'pipe.yaml'));
    expect(skipped.map((l) => l.source)).toEqual([join(xdg, 'pipe', 'config.yaml')]);
  });
});
