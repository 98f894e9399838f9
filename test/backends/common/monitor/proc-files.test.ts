import { describe, expect, it } from 'vitest';
import {
  parseLoadavg,
  parseMeminfo,
  parseProcStat,
  parseProcStatus,
} from '../../../../backends/common/monitor/proc-files.js';

// A /proc/PID/stat line whose command name holds a space and a parenthesis, as proc(5) allows.
const STAT =
  '4242 (my (odd) task) S 4200 4242 4100 34816 4242 4194560 1214 0 0 0 150 25 3 1 20 0 1 0 78310 ' +
  '23674880 1340 18446744073709551615 1 1 0 0 0 0 0 0 65536 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0';

describe('/proc parsers', () => {
  it('reads pid, parent, process group, session and own CPU ticks from /proc/PID/stat', () => {
    expect(parseProcStat(STAT)).toEqual({ pid: 4242, ppid: 4200, pgrp: 4242, session: 4100, cpuTicks: 175 });
    expect(parseProcStat('garbage')).toBeUndefined();
  });

  it('reads VmHWM and VmPeak from /proc/PID/status, 0 for a kernel thread without them', () => {
    const status =
      'Name:\tpython3\nVmPeak:\t  331200 kB\nVmSize:\t  331200 kB\nVmHWM:\t  316012 kB\nVmRSS:\t  316012 kB\n';
    expect(parseProcStatus(status)).toEqual({ hwmKiB: 316012, peakKiB: 331200 });
    expect(parseProcStatus('Name:\tkthreadd\nState:\tS (sleeping)\n')).toEqual({ hwmKiB: 0, peakKiB: 0 });
  });

  it('reads the load averages and the memory of the node', () => {
    expect(parseLoadavg('0.52 0.58 0.59 1/467 12345\n')).toEqual({ load1: 0.52, load5: 0.58, load15: 0.59 });
    expect(parseMeminfo('MemTotal:       16318480 kB\nMemFree:  1 kB\nMemAvailable:   9876543 kB\n')).toEqual({
      totalBytes: 16318480 * 1024,
      availableBytes: 9876543 * 1024,
    });
  });
});
