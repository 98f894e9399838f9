import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSacct, sacctArgv, slurmBytes, slurmDurationMs } from '../../../backends/slurm/sacct.js';

const fixture = readFileSync(join(import.meta.dirname, '../../../fixtures/schedulers/slurm/sacct-usage.txt'), 'utf8');
const K = 1024;

describe('sacct figures', () => {
  it('reads TotalCPU and Elapsed in each of their forms', () => {
    expect(slurmDurationMs('00:02.345')).toBe(2345);
    expect(slurmDurationMs('01:02:03')).toBe(3_723_000);
    expect(slurmDurationMs('01:01:58.312')).toBe(3_718_312);
    expect(slurmDurationMs('1-00:00:00')).toBe(86_400_000);
    expect(slurmDurationMs('2-03:04:05')).toBe(((2 * 24 + 3) * 3600 + 4 * 60 + 5) * 1000);
    expect(slurmDurationMs('')).toBeUndefined();
    expect(slurmDurationMs('INVALID')).toBeUndefined();
  });

  it('reads sizes with and without K/M/G/T suffixes, in powers of 1024', () => {
    expect(slurmBytes('7856416K')).toBe(7_856_416 * K);
    expect(slurmBytes('1.50M')).toBe(1.5 * K * K);
    expect(slurmBytes('2G')).toBe(2 * K ** 3);
    expect(slurmBytes('0')).toBe(0);
    expect(slurmBytes('2048')).toBe(2048);
    expect(slurmBytes('')).toBeUndefined();
  });

  it("takes a job's CPU time from its own row, its peak memory from its steps' highest and its I/O summed", () => {
    expect(parseSacct(fixture, '4242')).toEqual({
      realtimeMs: 1_900_000,
      cpuMs: 3_723_000,
      peakRssBytes: 7_856_416 * K,
      peakVmemBytes: 9_481_224 * K,
      readBytes: 1.5 * K * K + 2048,
      writeBytes: 20_480 * K + 512,
    });
  });

  it('names an array element as sacct does, and tells 5100_7 from 5100_17', () => {
    expect(parseSacct(fixture, '5100_7')).toEqual({
      realtimeMs: 3000,
      cpuMs: 2345,
      peakRssBytes: 307_748 * K,
      peakVmemBytes: 512_636 * K,
      readBytes: 512,
      writeBytes: 1024,
    });
    expect(parseSacct(fixture, '5100_17')).toMatchObject({ cpuMs: 86_400_000, peakRssBytes: 2 * K ** 3 });
  });

  it('gives nothing for a job sacct does not list, or empty output', () => {
    expect(parseSacct(fixture, '999')).toBeUndefined();
    expect(parseSacct('', '4242')).toBeUndefined();
  });

  it('asks for exactly the columns it reads, parsable and without a header', () => {
    expect(sacctArgv('5100_7')).toEqual([
      'sacct',
      '-j',
      '5100_7',
      '--format=JobID,TotalCPU,MaxRSS,MaxVMSize,MaxDiskRead,MaxDiskWrite,Elapsed',
      '-P',
      '-n',
    ]);
  });
});
