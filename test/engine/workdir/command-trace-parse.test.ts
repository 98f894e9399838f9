import { describe, expect, it } from 'vitest';
import { parseCommandTrace } from '../../../engine/workdir/command-trace.js';

describe('.command.trace parser', () => {
  it('reads the v2 format: %cpu in tenths of a percent, peak memory in KiB, I/O in bytes', () => {
    const text =
      'nextflow.trace/v2\nrealtime=553\n%cpu=320\nrchar=3715905\nwchar=2001732\nsyscr=856\nsyscw=284\n' +
      'read_bytes=0\nwrite_bytes=1007616\npeak_rss=67824\npeak_vmem=72128\n';
    expect(parseCommandTrace(text)).toEqual({
      realtimeMs: 553,
      cpuMs: 177,
      cpuPercent: 32,
      rcharBytes: 3715905,
      wcharBytes: 2001732,
      syscr: 856,
      syscw: 284,
      readBytes: 0,
      writeBytes: 1007616,
      peakRssBytes: 67824 * 1024,
      peakVmemBytes: 72128 * 1024,
    });
  });

  it('leaves out keys the wrapper could not measure and rejects other formats', () => {
    expect(parseCommandTrace('nextflow.trace/v2\nrealtime=12\n%cpu=\n')).toMatchObject({
      realtimeMs: 12,
      cpuPercent: undefined,
      peakRssBytes: undefined,
    });
    expect(parseCommandTrace('pid state %cpu\n1 0 0\n')).toBeUndefined();
  });
});
