// PBS parsers on qstat output: captured from Slurm's PBS wrappers here; PBS Pro and Torque samples are
// reconstructed from their documentation, as neither server is installable here (fixtures/schedulers/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createPbsScheduler,
  parseQstatBrief,
  parseQstatFull,
  parseQstatFullEntries,
  parseQstatJson,
  parseQsubJobId,
} from '../../../backends/pbs/index.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/schedulers/pbs/${name}`, import.meta.url), 'utf8');

describe('PBS output parsers', () => {
  it.each([
    ['640\n', '640'],
    ['123.headnode\n', '123.headnode'],
    ['124[].pbs-server\n', '124[].pbs-server'],
  ])('reads the job id qsub printed as %j', (stdout, id) => {
    expect(parseQsubJobId(stdout)).toBe(id);
  });

  it('rejects qsub output without a job id, quoting it', () => {
    expect(() => parseQsubJobId('qsub: Unknown queue MSG=cannot locate queue')).toThrow(/Unknown queue/);
  });

  it('reads qstat -f of Slurm’s PBS wrappers (tab-separated Job Id, C for every finished job)', () => {
    const entries = parseQstatFullEntries(fixture('slurm-wrapper-qstat-f.txt'));
    expect(entries.get('18')).toMatchObject({ phase: 'ended', state: 'C', reason: undefined });
    expect(entries.get('21')).toMatchObject({ phase: 'running', state: 'R' });
    expect(entries.get('22')).toMatchObject({ phase: 'queued', state: 'Q' });
  });

  it('reads Torque’s qstat -f, joining wrapped values and naming deletion and walltime kills', () => {
    const text = fixture('torque-qstat-f.txt');
    const attrs = parseQstatFull(text).get('123.headnode');
    expect(attrs?.get('Variable_List')).toContain(
      'PBS_O_HOME=/home/alice,PBS_O_LOGNAME=alice,PBS_O_PATH=/usr/local/bin',
    );
    const entries = parseQstatFullEntries(text);
    expect(entries.get('123.headnode')).toMatchObject({ phase: 'ended', reason: undefined });
    expect(entries.get('123')).toBe(entries.get('123.headnode'));
    expect(entries.get('124[1].headnode')?.phase).toBe('running');
    expect(entries.get('124[2].headnode')?.phase).toBe('queued');
    expect(entries.get('125.headnode')?.reason).toMatch(/killed by signal 15/);
    expect(entries.get('126.headnode')?.reason).toMatch(/time limit exceeded/);
    expect(entries.get('127.headnode')).toMatchObject({ phase: 'queued', state: 'H' });
  });

  it('reads PBS Pro’s qstat -f -F json -x: finished (F), expired subjobs (X), begun arrays (B), exiting (E)', () => {
    const entries = parseQstatJson(fixture('pbspro-qstat-f-json.json'));
    expect(entries.get('101.pbs-server')).toMatchObject({ phase: 'ended', state: 'F', reason: undefined });
    expect(entries.get('102[].pbs-server')?.phase).toBe('running');
    expect(entries.get('102[3].pbs-server')?.phase).toBe('ended');
    expect(entries.get('102[4].pbs-server')?.phase).toBe('running');
    expect(entries.get('103.pbs-server')?.phase).toBe('queued');
    expect(entries.get('104.pbs-server')?.phase).toBe('queued');
    expect(entries.get('105.pbs-server')?.reason).toMatch(/time limit exceeded/);
    expect(entries.get('106.pbs-server')?.reason).toMatch(/killed by signal 15/);
    expect(entries.get('107.pbs-server')?.phase).toBe('running');
  });

  it('reads PBS Pro’s brief qstat -x listing', () => {
    const entries = parseQstatBrief(fixture('pbspro-qstat-x.txt'));
    expect([...entries.keys()].filter((id) => id.includes('.'))).toEqual([
      '101.pbs-server',
      '102[].pbs-server',
      '103.pbs-server',
      '104.pbs-server',
      '107.pbs-server',
    ]);
    expect(entries.get('101.pbs-server')?.phase).toBe('ended');
    expect(entries.get('104.pbs-server')?.phase).toBe('queued');
  });

  it('answers an empty status for empty JSON output, and treats unknown state letters as alive', () => {
    expect(parseQstatJson('').size).toBe(0);
    expect(parseQstatFullEntries('Job Id: 9.s\n    job_state = Z\n').get('9.s')?.phase).toBe('queued');
  });

  it('names array elements per flavour and reads them back to their array', () => {
    const pbs = createPbsScheduler('pbspro');
    expect(pbs.elementId('124[].pbs-server', 3)).toBe('124[3].pbs-server');
    expect(pbs.parseElementId('124[3].pbs-server')).toEqual({ batchId: '124[].pbs-server', index: 3 });
    expect(pbs.elementId('19', 2)).toBe('19[2]');
    expect(pbs.parseElementId('19[2]')).toEqual({ batchId: '19', index: 2 });
    expect(pbs.parseElementId('123.headnode')).toEqual({ batchId: '123.headnode', index: undefined });
  });

  it('asks Torque for arrays with -t and PBS Pro with -J, with output files on the command line', () => {
    const batch = { name: 'pipe-x-1', size: 4, cpus: 2 };
    expect(createPbsScheduler('torque').submitArgv('/s.sh', batch)).toEqual([
      'qsub',
      '-N',
      'pipe-x-1',
      '-o',
      '/dev/null',
      '-e',
      '/dev/null',
      '-t',
      '0-3',
      '/s.sh',
    ]);
    expect(createPbsScheduler('pbspro').submitArgv('/s.sh', batch)).toContain('-J');
    expect(
      createPbsScheduler('pbspro').directives(
        { ...batch, memoryBytes: 2 ** 30, timeLimitMs: 90 * 60_000 },
        { queue: 'workq' },
      ),
    ).toEqual(['-l select=1:ncpus=2:mem=1024mb', '-l walltime=01:30:00', '-q workq']);
  });
});
