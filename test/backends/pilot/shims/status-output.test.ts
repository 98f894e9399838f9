// The status commands over a job book, parsed back the way Nextflow parses them (its tables, from its source), and
// the gateway's request and answer framing.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLAVOURS } from '../../../../bench/nextflow/flavours.js';
import { encodeAnswer, parseGatewayRequest } from '../../../../backends/pilot/shims/gateway.js';
import { qstat } from '../../../../backends/pilot/shims/pbs-status.js';
import { parseSbatch } from '../../../../backends/pilot/shims/sbatch.js';
import { createJobBook } from '../../../../backends/pilot/shims/shim-jobs.js';
import { squeue } from '../../../../backends/pilot/shims/slurm-status.js';

// A book with four Nextflow jobs: pending, running, ended without .exitcode yet, ended with .exitcode 3.
function book(flavour: 'slurm' | 'pbs') {
  const dir = mkdtempSync(join(tmpdir(), 'pipe-shims-status-'));
  let now = 1_000_000;
  const jobs = createJobBook({ now: () => now });
  const ids: string[] = [];
  for (let n = 1; n <= 4; n++) {
    const work = join(dir, `w${n}`);
    const request = {
      ...parseSbatch({ args: ['.command.run'], cwd: work, readFile: () => '#!/bin/bash\ntrue\n' }),
      flavour,
      name: `nf-task_${n}`,
    };
    const [job] = jobs.add(request, n, [join(work, '.command.log')], 'ann', work, now);
    jobs.bind(job!, `p${n}`);
    ids.push(job!.id);
  }
  jobs.started('p2', now, 'agent-1');
  jobs.started('p3', now, 'agent-1');
  jobs.completed('p3', { id: 'p3', attempt: 1, exitCode: 0, endedAt: now });
  jobs.started('p4', now, 'agent-1');
  mkdirSync(join(dir, 'w4'));
  writeFileSync(join(dir, 'w4', '.exitcode'), '3');
  jobs.completed('p4', { id: 'p4', attempt: 1, exitCode: 3, endedAt: now });
  now += 1000;
  return { jobs, ids, dir, advance: (ms: number) => (now += ms), now: () => now };
}

describe('squeue', () => {
  it('prints two columns Nextflow maps to PENDING, RUNNING, RUNNING (completing) and ERROR', () => {
    const { jobs, now } = book('slurm');
    const args = ['--noheader', '-o', '%i %t', '-t', 'all', '-u', 'ann'];
    const text = squeue(args, jobs.list(), jobs.stateOf, 'ann', now());
    expect(text).toBe('1 PD\n2 R\n3 CG\n4 F\n');
    expect([...FLAVOURS.slurm.parseQueueStatus(text)]).toEqual([
      ['1', 'PENDING'],
      ['2', 'RUNNING'],
      ['3', 'RUNNING'],
      ['4', 'ERROR'],
    ]);
  });

  it('shows an ended job as completed once its .exitcode exists, or after the grace period', () => {
    const { jobs, now, advance } = book('slurm');
    const args = ['-h', '-o', '%i %T', '-t', 'all'];
    expect(squeue(args, jobs.list(), jobs.stateOf, 'ann', now())).toContain('3 COMPLETING');
    advance(31_000);
    expect(squeue(args, jobs.list(), jobs.stateOf, 'ann', now())).toContain('3 COMPLETED');
    advance(300_000);
    expect(squeue(args, jobs.list(), jobs.stateOf, 'ann', now())).toBe('1 PENDING\n2 RUNNING\n');
  });

  it('lists only pending, running and completing jobs by default, with a header, and nothing for another user', () => {
    const { jobs, now } = book('slurm');
    const lines = squeue(['-o', '%.5i %2t %j'], jobs.list(), jobs.stateOf, 'ann', now()).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'JOBID ST NAME',
      '    1 PD nf-task_1',
      '    2 R  nf-task_2',
      '    3 CG nf-task_3',
    ]);
    expect(squeue(['-h', '-u', 'bob'], jobs.list(), jobs.stateOf, 'ann', now())).toBe('');
  });
});

describe('qstat', () => {
  it('prints -f blocks that Nextflow’s PBS Pro parser reads as PENDING, RUNNING, RUNNING (exiting)', () => {
    const { jobs, now } = book('pbs');
    const text = qstat(['-f', '@pipe'], jobs.list(), jobs.stateOf, now());
    const grepped = text
      .split('\n')
      .filter((l) => /(Job Id:|job_state =)/.test(l))
      .join('\n');
    expect([...FLAVOURS.pbspro.parseQueueStatus(`${grepped}\n`)]).toEqual([
      ['1.pipe', 'PENDING'],
      ['2.pipe', 'RUNNING'],
      ['3.pipe', 'RUNNING'],
    ]);
    expect(qstat(['-x', '-f', '-1'], jobs.list(), jobs.stateOf, now())).toContain('Job Id: 4.pipe\n');
    expect(qstat(['-B', '-f'], jobs.list(), jobs.stateOf, now())).toMatch(/^Server: pipe\n/);
  });
});

describe('the gateway framing', () => {
  it('parses a request once all its NUL-terminated fields are there, and refuses a wrong token', () => {
    const fields = ['tok', '1', 'squeue', '/w', '2', '-h', '-t', '1', 'HOME=/h'];
    const bytes = Buffer.from(fields.map((f) => `${f}\0`).join(''));
    expect(parseGatewayRequest(bytes.subarray(0, bytes.length - 3), 'tok')).toBeUndefined();
    expect(parseGatewayRequest(bytes, 'tok')).toEqual({
      request: { command: 'squeue', args: ['-h', '-t'], cwd: '/w', env: { HOME: '/h' } },
      used: bytes.length,
    });
    expect(parseGatewayRequest(bytes, 'other')).toEqual({ error: 'wrong token' });
  });

  it('encodes an answer as "CODE ERRLINES OUTLINES", stderr lines, then stdout', () => {
    expect(encodeAnswer(1, 'a\nb', 'oops')).toBe('1 1 2\noops\na\nb\n');
    expect(encodeAnswer(0, '', '')).toBe('0 0 0\n');
  });
});
