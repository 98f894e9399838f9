import { describe, expect, it } from 'vitest';
import { resolveSettings, type ConfigLayer } from '../../../ui/config/index.js';

const cli: ConfigLayer = { source: 'the command line' };
const launch: ConfigLayer = {
  source: 'pipe.yaml',
  backend: 'slurm',
  retries: 2,
  backends: { slurm: { queue: 'short', arraySize: 100 } },
};
const user: ConfigLayer = {
  source: 'config.yaml',
  backend: 'pbs',
  retries: 4,
  jobs: 8,
  workDir: '/scratch',
  backends: { slurm: { queue: 'long', account: 'lab' }, pbs: { flavor: 'pbspro' } },
};
const workflow: ConfigLayer = {
  source: "the workflow's configuration",
  backend: 'local',
  backends: { slurm: { queueSize: 50, account: 'wf' } },
};

describe('run settings from the command line, pipe.yaml, the user file and the workflow', () => {
  it('uses built-in defaults when nothing is set', () => {
    expect(resolveSettings([cli])).toEqual({
      backend: 'local',
      backendSource: 'built-in default',
      backendOptions: {},
      jobs: undefined,
      retries: 0,
      retryDelay: 500,
      keepGoing: false,
      workDir: 'work',
      monitoring: false,
    });
  });

  it('turns monitoring on with the default interval for `true`, and takes the first layer that sets it', () => {
    expect(resolveSettings([cli, { source: 'pipe.yaml', monitoring: true }]).monitoring).toEqual({ intervalMs: 1000 });
    expect(
      resolveSettings([
        { source: 'cli', monitoring: false },
        { source: 'f', monitoring: true },
      ]).monitoring,
    ).toBe(false);
    expect(resolveSettings([cli, { source: 'f', monitoring: { intervalMs: 250 } }]).monitoring).toEqual({
      intervalMs: 250,
    });
  });

  it('lets pipe.yaml win over the user file, and the user file over the workflow', () => {
    const settings = resolveSettings([cli, launch, user, workflow]);
    expect(settings.backend).toBe('slurm');
    expect(settings.retries).toBe(2);
    expect(settings.jobs).toBe(8);
    expect(settings.workDir).toBe('/scratch');
    expect(settings.backendOptions).toEqual({ queueSize: 50, account: 'lab', queue: 'short', arraySize: 100 });
  });

  it('lets the command line win over every file, --backend-opt included', () => {
    const settings = resolveSettings([{ ...cli, backend: 'pbs', retries: 0 }, launch, user, workflow], {
      flavor: 'torque',
    });
    expect(settings.backend).toBe('pbs');
    expect(settings.retries).toBe(0);
    expect(settings.backendOptions).toEqual({ flavor: 'torque' });
  });

  it("falls back to the backend the workflow's own configuration names", () => {
    expect(resolveSettings([cli, { ...workflow, backend: 'slurm' }])).toMatchObject({
      backend: 'slurm',
      backendSource: "the workflow's configuration",
    });
  });
});
