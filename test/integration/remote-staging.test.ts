// Inputs from scp:// and sftp:// and outputs back there, in every format, against the loopback sshd.
import { mkdirSync, readdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PipeEvent } from '../../engine/events.js';
import { runPipe, scratchDir, startPipe, waitFor } from '../helpers/cli.js';
import { testSshd, type SshdFixture } from '../helpers/sshd.js';

const sshd = testSshd();

// The stage.progress events of a `--log-format json` run.
function transfers(stdout: string): Extract<PipeEvent, { type: 'stage.progress' }>[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as PipeEvent)
    .filter((e): e is Extract<PipeEvent, { type: 'stage.progress' }> => e.type === 'stage.progress');
}

describe.runIf(sshd !== undefined)('remote staging over scp:// and sftp://', () => {
  let fx: SshdFixture;
  let remote: string; // a folder "on the remote host" (this machine, through sshd)
  const env = (): NodeJS.ProcessEnv => ({ HOME: fx.home, SSH_AUTH_SOCK: '' });
  beforeAll(() => {
    fx = sshd!;
    remote = mkdtempSync(join(tmpdir(), 'pipe-remote-'));
    mkdirSync(join(remote, 'data'));
    writeFileSync(join(remote, 'data', 'reads.fq'), '@r1\nACGT\n+\nIIII\n@r2\nGGCC\n+\nIIII\n');
    writeFileSync(join(remote, 'data', 'ref.fa'), '>chr1\nACGTACGT\n');
    writeFileSync(join(remote, 'data', 's2.fq'), '@s2\nAAAA\n+\nIIII\n');
  });

  it('runs a task list whose inputs come from scp:// and sftp:// and whose outputs go back, and resumes without a transfer', async () => {
    const dir = scratchDir({
      'list.yaml': [
        'tasks:',
        '  - id: count',
        '    inputs:',
        `      reads.fq: scp://pipe-sshd${remote}/data/reads.fq`,
        `      - sftp://pipe-sshd${remote}/data/ref.fa`,
        '    outputs:',
        `      counts.txt: sftp://pipe-sshd${remote}/results/yaml/counts.txt`,
        '    command: cat reads.fq ref.fa | wc -l > counts.txt',
      ]
        .join('\n')
        .replace('      - sftp', '      ref.fa: sftp'),
    });
    const first = await runPipe(['run', 'list.yaml', '--log-format', 'json'], dir, env());
    expect(first.code).toBe(0);
    expect(readFileSync(join(remote, 'results', 'yaml', 'counts.txt'), 'utf8').trim()).toBe('10');
    const fetched = transfers(first.stderr).filter((e) => e.direction === 'in' && e.state === 'done');
    expect(fetched.map((e) => e.uri).sort()).toEqual([
      `scp://pipe-sshd${remote}/data/reads.fq`,
      `sftp://pipe-sshd${remote}/data/ref.fa`,
    ]);
    const again = await runPipe(['run', 'list.yaml', '--resume', '--log-format', 'json'], dir, env());
    expect(again.code).toBe(0);
    expect(transfers(again.stderr).filter((e) => e.state === 'started')).toEqual([]);
    expect(again.stderr).toContain('"to":"cached"');
  });

  it('lists each transfer in the trace and the report, and none once a resumed run moves nothing', async () => {
    const dir = scratchDir({
      'list.yaml': [
        'tasks:',
        '  - id: count',
        '    inputs:',
        `      reads.fq: scp://pipe-sshd${remote}/data/reads.fq`,
        '    outputs:',
        `      n.txt: sftp://pipe-sshd${remote}/results/traced/n.txt`,
        '    command: wc -l < reads.fq > n.txt',
      ].join('\n'),
    });
    const rowsOf = (file: string): Record<string, string>[] => {
      const [head, ...rows] = readFileSync(join(dir, file), 'utf8').trim().split('\n');
      const columns = head!.split('\t');
      return rows.map((row) => Object.fromEntries(row.split('\t').map((cell, i) => [columns[i], cell])));
    };
    const args = ['run', 'list.yaml', '--plain', '--with-trace', 'trace.tsv', '--with-report', 'report.html'];
    const first = await runPipe(args, dir, env());
    expect(first.code, first.stderr).toBe(0);
    const stageRows = rowsOf('trace.tsv').filter((r) => r.name!.startsWith('stage '));
    expect(stageRows.map((r) => [r.name, r.status])).toEqual([
      [`stage in: scp://pipe-sshd${remote}/data/reads.fq`, 'COMPLETED'],
      [`stage out: sftp://pipe-sshd${remote}/results/traced/n.txt`, 'COMPLETED'],
    ]);
    expect(stageRows[0]!.rchar).toBe('32 B'); // the size of reads.fq
    expect(stageRows[1]!.wchar).toBe('2 B');
    const report = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(report).toContain('<section id="transfers"><h2>Transfers (2)</h2>');
    expect(report).toContain(`<code>scp://pipe-sshd${remote}/data/reads.fq</code>`);

    const again = await runPipe([...args, '--resume'], dir, env());
    expect(again.code, again.stderr).toBe(0);
    // The task is cached: nothing is fetched or put again, so no transfer is listed.
    expect(rowsOf('trace.tsv').filter((r) => r.name!.startsWith('stage '))).toEqual([]);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).not.toContain('id="transfers"');
  });

  it('runs a DSL pipeline over Channel.fromPath(sftp:// glob) and file(scp://), publishing to sftp://', async () => {
    const dir = scratchDir({
      'main.nf': [
        `params.ref = 'scp://pipe-sshd${remote}/data/ref.fa'`,
        'process COUNT {',
        `  publishDir 'sftp://pipe-sshd${remote}/results/dsl', mode: 'copy'`,
        '  input:',
        '  path reads',
        '  path ref',
        '  output:',
        '  path "${reads.simpleName}.count"',
        '  script:',
        '  """',
        '  cat $reads $ref | wc -l > ${reads.simpleName}.count',
        '  """',
        '}',
        'workflow {',
        `  COUNT(Channel.fromPath('sftp://pipe-sshd${remote}/data/*.fq'), file(params.ref))`,
        '}',
      ].join('\n'),
    });
    const first = await runPipe(['run', 'main.nf', '-log-format', 'json'], dir, env());
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(join(remote, 'results', 'dsl', 'reads.count'), 'utf8').trim()).toBe('10');
    expect(readFileSync(join(remote, 'results', 'dsl', 's2.count'), 'utf8').trim()).toBe('6');
    const fetched = transfers(first.stderr).filter((e) => e.direction === 'in' && e.state === 'done');
    expect(fetched.map((e) => e.uri.replace(/.*\//, '')).sort()).toEqual(['reads.fq', 'ref.fa', 's2.fq']);
    const again = await runPipe(['run', 'main.nf', '-resume', '-log-format', 'json'], dir, env());
    expect(again.code, again.stderr).toBe(0);
    expect(transfers(again.stderr).filter((e) => e.state === 'started')).toEqual([]);
  });

  it('runs a CWL workflow whose File inputs are at scp:// and sftp:// locations, with --outdir sftp://', async () => {
    const dir = scratchDir({
      'count.cwl': [
        'cwlVersion: v1.2',
        'class: CommandLineTool',
        'baseCommand: [sh, -c, \'cat "$0" "$1" | wc -l\']',
        'inputs:',
        '  reads: {type: File, inputBinding: {position: 1}}',
        '  ref: {type: File, inputBinding: {position: 2}}',
        'stdout: lines.txt',
        'outputs:',
        '  lines: {type: stdout}',
      ].join('\n'),
      'job.yml': [
        `reads: {class: File, location: "scp://pipe-sshd${remote}/data/reads.fq"}`,
        `ref: {class: File, location: "sftp://pipe-sshd${remote}/data/ref.fa"}`,
      ].join('\n'),
    });
    const out = `sftp://pipe-sshd${remote}/results/cwl`;
    const result = await runPipe(['run', 'count.cwl', 'job.yml', '--outdir', out, '--plain'], dir, env());
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(remote, 'results', 'cwl', 'lines.txt'), 'utf8').trim()).toBe('10');
    expect(JSON.parse(result.stdout).lines.location).toBe(`${out}/lines.txt`);
  });

  it('resumes a killed run without fetching its inputs again', async () => {
    const dir = scratchDir({
      'list.yaml': [
        '- id: slow',
        `  inputs: [sftp://pipe-sshd${remote}/data/reads.fq, scp://pipe-sshd${remote}/data/s2.fq]`,
        '  command: sleep 3; cat reads.fq s2.fq | wc -l > n.txt',
      ].join('\n'),
    });
    const { child, done } = startPipe(['run', 'list.yaml', '--log-format', 'json'], dir, env());
    let log = '';
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    await waitFor(
      () => transfers(log).filter((e) => e.state === 'done').length === 2 && log.includes('"to":"running"'),
    );
    child.kill('SIGKILL');
    await done;
    const again = await runPipe(['run', 'list.yaml', '--resume', '--log-format', 'json'], dir, env());
    expect(again.code, again.stderr).toBe(0);
    const events = transfers(again.stderr);
    expect(events.filter((e) => e.state === 'started')).toEqual([]);
    // Both downloads were committed to the staging cache before the kill.
    const cached = readdirSync(join(dir, '.pipe', 'staging')).flatMap((d) =>
      readdirSync(join(dir, '.pipe', 'staging', d)).filter((e) => !e.includes('.partial')),
    );
    expect(cached).toHaveLength(2);
  });

  it('names the URI and the cause when an input is not there', async () => {
    const dir = scratchDir({
      'list.yaml': `- id: t\n  inputs: [sftp://pipe-sshd${remote}/data/nope.fq]\n  command: cat nope.fq\n`,
    });
    const result = await runPipe(['run', 'list.yaml'], dir, env());
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`sftp://pipe-sshd${remote}/data/nope.fq: no such file or directory`);
  });
});
