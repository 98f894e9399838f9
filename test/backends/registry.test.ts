import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../engine/errors.js';
import { BACKEND_NAMES, createBackend } from '../../backends/registry.js';

describe('backend registry', () => {
  it('creates the local backend by name', async () => {
    const backend = createBackend('local', { launchDir: '.' }, { killGraceMs: 100 });
    expect(backend.name).toBe('local');
    await backend.close();
    expect(BACKEND_NAMES).toContain('local');
  });

  it('rejects an unknown backend, naming it and the known ones', () => {
    expect(() => createBackend('slurmm', { launchDir: '.' })).toThrow(ConfigError);
    try {
      createBackend('slurmm', { launchDir: '.' });
    } catch (error) {
      expect((error as ConfigError).message).toContain('`slurmm`');
      expect((error as ConfigError).hint).toContain('local');
    }
  });

  it('validates the configuration with the backend’s schema', () => {
    expect(() => createBackend('local', { launchDir: '.' }, { killGraceMs: -1 })).toThrow(/killGraceMs/);
    expect(() => createBackend('local', { launchDir: '.' }, { kilGraceMs: 5 })).toThrow(/kilGraceMs/);
  });
});
