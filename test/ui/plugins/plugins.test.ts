// Plugins through the built CLI: every hook in order, a throwing and a hanging plugin (the run still finishes, one
// warning each), options checked by the plugin's schema, and the weblog and audit plugins that ship with pipe.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../../helpers/cli.js';

const recorder = `
import { appendFileSync } from 'node:fs';
const log = (line) => appendFileSync('hooks.log', line + '\\n');
export default {
  name: 'recorder',
  create(options, context) {
    log('create ' + JSON.stringify(options));
    return {
      onRunStart: (run) => log('onRunStart ' + run.backend),
      onSubmit: (t) => log('onSubmit ' + t.taskId + ' ' + t.attempt),
      onSchedule: (t, backend, jobId) => log('onSchedule ' + t.taskId + ' ' + backend + ' ' + (jobId === undefined ? '-' : 'job')),
      onStart: (t) => log('onStart ' + t.taskId + ' ' + t.attempt),
      onReturned: (t, o) => log('onReturned ' + t.taskId + ' ' + t.attempt + ' ' + o.state + ' ' + o.exitCode),
      onRetry: (t, previous) => log('onRetry ' + t.taskId + ' ' + t.attempt + ' after ' + previous.exitCode),
      onRunEnd: (s) => log('onRunEnd ' + s.status + ' ' + s.counts.succeeded),
      close: () => log('close'),
    };
  },
};
`;
const tasks = (dir: string): string => `tasks:
  - id: a
    command: echo a
  - id: flaky
    command: test -e ${dir}/done || { touch ${dir}/done; exit 4; }
    retries: 1
  - id: b
    command: echo b
    after: [a]
`;

describe('pipe run --plugin', () => {
  it('calls every hook of a plugin, in order per task, with its options', async () => {
    const dir = scratchDir({ 'recorder.mjs': recorder });
    writeFileSync(join(dir, 'tasks.yaml'), tasks(dir));
    const result = await runPipe(
      ['run', 'tasks.yaml', '--plain', '--retry-delay', '0', '--plugin', './recorder.mjs?greeting=hi'],
      dir,
    );
    expect(result.stderr).not.toContain('warning');
    expect(result.code).toBe(0);
    const lines = readFileSync(join(dir, 'hooks.log'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('create {"greeting":"hi"}');
    expect(lines[1]).toBe('onRunStart local');
    expect(lines.at(-2)).toBe('onRunEnd succeeded 3');
    expect(lines.at(-1)).toBe('close');
    const of = (id: string): string[] => lines.filter((l) => l.split(' ')[1] === id).map((l) => l.split(' ')[0]!);
    expect(of('a')).toEqual(['onSubmit', 'onSchedule', 'onStart', 'onReturned']);
    expect(of('flaky')).toEqual([
      'onSubmit',
      'onSchedule',
      'onStart',
      'onReturned',
      'onRetry',
      'onSubmit',
      'onSchedule',
      'onStart',
      'onReturned',
    ]);
    expect(lines).toContain('onReturned flaky 1 failed 4');
    expect(lines).toContain('onRetry flaky 2 after 4');
    expect(lines).toContain('onReturned flaky 2 succeeded 0');
    expect(lines).toContain('onSchedule a local job');
  });

  it('finishes the run when a plugin throws or hangs, with one warning for each', async () => {
    const dir = scratchDir({
      'list.txt': 'echo 1\necho 2\necho 3\n',
      'thrower.mjs': `export default { name: 'thrower', create: () => ({ onReturned() { throw new Error('boom'); } }) };`,
      'hanger.mjs': `export default { name: 'hanger', create: () => ({ onStart: () => new Promise(() => {}) }) };`,
    });
    const result = await runPipe(
      ['run', 'list.txt', '--plain', '--plugin', './thrower.mjs', '--plugin', './hanger.mjs'],
      dir,
      {
        PIPE_PLUGIN_TIMEOUT_MS: '300',
      },
    );
    expect(result.code).toBe(0);
    const warnings = result.stderr.split('\n').filter((l) => l.includes('warning: plugin'));
    expect(warnings).toHaveLength(2);
    expect(warnings.filter((l) => l.includes('plugin thrower: a hook failed: boom'))).toHaveLength(1);
    expect(warnings.filter((l) => l.includes('plugin hanger: a hook took longer than 300 ms'))).toHaveLength(1);
  });

  it("refuses options the plugin's schema refuses, and a plugin that cannot be found, before running anything", async () => {
    const dir = scratchDir({ 'list.txt': 'touch ran\n' });
    const bad = await runPipe(['run', 'list.txt', '--plugin', 'weblog?url=not-a-url'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/plugin weblog \(--plugin\): invalid options at url/);
    const missing = await runPipe(['run', 'list.txt', '--plugin', './nope.mjs'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.mjs');
    expect(() => readFileSync(join(dir, 'ran'))).toThrow();
  });

  it('loads plugins listed in pipe.yaml, and the audit plugin writes one JSON line per hook', async () => {
    const dir = scratchDir({
      'list.txt': 'echo 1\nexit 3\n',
      'pipe.yaml': 'plugins:\n  - source: audit\n    options: { file: audit.jsonl }\n',
    });
    const result = await runPipe(['run', 'list.txt', '--plain', '-k'], dir);
    expect(result.code).toBe(1);
    const records = readFileSync(join(dir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records[0].hook).toBe('onRunStart');
    expect(records.at(-1)).toMatchObject({ hook: 'onRunEnd', summary: { status: 'failed' } });
    expect(
      records
        .filter((r) => r.hook === 'onReturned')
        .map((r) => r.outcome.state)
        .sort(),
    ).toEqual(['failed', 'succeeded']);
  });

  it("loads pipe plugins named in nextflow.config's plugins { id … } and warns once of Nextflow plugins it lacks", async () => {
    const dir = scratchDir({
      'main.nf': 'process HELLO {\n  script:\n  """\n  echo hi\n  """\n}\nworkflow { HELLO() }\n',
      'nextflow.config': "plugins {\n  id 'audit'\n  id 'nf-schema@2.1.0'\n  id 'nf-amazon@2.0.0'\n  id 'nf-prov'\n}\n",
    });
    const result = await runPipe(['run', 'main.nf', '-plain'], dir);
    expect(result.code).toBe(0);
    const warnings = result.stderr.split('\n').filter((l) => l.includes('Nextflow plugin'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('nf-amazon, nf-prov');
    expect(warnings[0]).not.toContain('nf-schema');
    const records = readFileSync(join(dir, '.pipe', 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(JSON.parse(records[0]!).hook).toBe('onRunStart');
  });

  it('posts run and task events to a URL with the weblog plugin', async () => {
    const received: { event: string; trace?: { taskId: string } }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const dir = scratchDir({ 'list.txt': 'echo 1\necho 2\n' });
      const result = await runPipe(
        ['run', 'list.txt', '--plain', '--plugin', `weblog?url=http://127.0.0.1:${port}/hook`],
        dir,
      );
      expect(result.code).toBe(0);
      const events = received.map((r) => r.event);
      expect(events[0]).toBe('started');
      expect(events.at(-1)).toBe('completed');
      expect(events.filter((e) => e === 'process_completed')).toHaveLength(2);
      expect(events.filter((e) => e === 'process_submitted')).toHaveLength(2);
    } finally {
      server.close();
    }
  });
});
