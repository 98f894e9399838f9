import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../engine/errors.js';
import { BACKEND_NAMES, createBackend } from '../../backends/registry.js';

describe('backend registry', () => {
  it('creates the local backend by name, with or without options', async () => {
    for (const config of [{}, { killGraceMs: 100 }]) {
      const backend = await createBackend('local', { launchDir: '.' }, config);
      expect(backend.name).toBe('local');
      await backend.close();
    }
    expect(BACKEND_NAMES).toContain('local');
  });

  it('rejects an unknown backend, naming it and the known ones', async () => {
    const error = await createBackend('slurmm', { launchDir: '.' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('`slurmm`');
    expect((error as ConfigError).hint).toContain('local');
  });

  it('validates the configuration with the backend’s schema', async () => {
    await expect(createBackend('local', { launchDir: '.' }, { killGraceMs: -1 })).rejects.toThrow(/killGraceMs/);
    await expect(createBackend('local', { launchDir: '.' }, { kilGraceMs: 5 })).rejects.toThrow(/kilGraceMs/);
  });

  it('creates slurm and pbs, and names a bad grid option and its value', async () => {
    for (const name of ['slurm', 'pbs']) {
      const backend = await createBackend(name, { launchDir: '.' }, { queue: 'short', arraySize: 100 });
      expect(backend.name).toBe(name);
      expect(backend.queueSize).toBe(1_000);
      await backend.close();
    }
    await expect(createBackend('slurm', { launchDir: '.' }, { arraySize: 0 })).rejects.toThrow(/arraySize/);
    await expect(createBackend('pbs', { launchDir: '.' }, { flavor: 'lsf' })).rejects.toThrow(/flavor/);
    await expect(createBackend('slurm', { launchDir: '.' }, { partition: 'x' })).rejects.toThrow(/partition/);
  });

  it('passes the run’s job limit to the local backend, which then takes tasks ahead', async () => {
    const backend = await createBackend('local', { launchDir: '.', jobs: 3 });
    expect(backend.lookahead).toBe(3);
    await backend.close();
  });
});
