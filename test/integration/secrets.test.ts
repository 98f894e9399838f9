// `pipe secrets` as `nextflow secrets`, through the built CLI: a private store that configs (`secrets.NAME`),
// scripts and the `secret` directive read.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../helpers/cli.js';

const MAIN = `
process SHOW {
  secret 'MY_SECRET'
  output:
  stdout
  script:
  'echo "task sees $MY_SECRET"'
}
workflow {
  println "config: \${params.where} script: \${secrets.MY_SECRET} missing: \${secrets.NOPE ?: 'none'}"
  SHOW() | view
}
`;

describe('pipe secrets', () => {
  it('sets, lists, gets and deletes secrets in a file only its owner reads', async () => {
    const dir = scratchDir();
    const env = { PIPE_SECRETS_FILE: join(dir, 'secrets', 'store.json') };
    expect((await runPipe(['secrets', 'set', 'MY_SECRET', 'hello-world'], dir, env)).code).toBe(0);
    expect((await runPipe(['secrets', 'set', 'OTHER', 'x'], dir, env)).code).toBe(0);
    expect(statSync(env.PIPE_SECRETS_FILE).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'secrets')).mode & 0o777).toBe(0o700);
    expect((await runPipe(['secrets', 'list'], dir, env)).stdout).toBe('MY_SECRET\nOTHER\n');
    expect((await runPipe(['secrets', 'get', 'MY_SECRET'], dir, env)).stdout).toBe('hello-world\n');
    const typo = await runPipe(['secrets', 'get', 'MY_SECRT'], dir, env);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean `MY_SECRET`?');
    expect((await runPipe(['secrets', 'delete', 'OTHER'], dir, env)).code).toBe(0);
    expect(JSON.parse(readFileSync(env.PIPE_SECRETS_FILE, 'utf8'))).toEqual([
      { name: 'MY_SECRET', value: 'hello-world' },
    ]);
    expect((await runPipe(['secrets', 'set', '1bad', 'x'], dir, env)).stderr).toContain('not a valid secret name');
  });

  it('gives secrets to configs as secrets.NAME, to scripts, and to tasks through the secret directive', async () => {
    const dir = scratchDir({
      'main.nf': MAIN,
      'nextflow.config': 'params.where = secrets.MY_SECRET ? "results-$secrets.MY_SECRET" : "results"\n',
    });
    const env = { PIPE_SECRETS_FILE: join(dir, 'store.json') };
    expect((await runPipe(['secrets', 'set', 'MY_SECRET', 'hello-world'], dir, env)).code).toBe(0);
    const run = await runPipe(['-q', 'run', 'main.nf'], dir, env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('config: results-hello-world script: hello-world missing: none');
    expect(run.stdout).toContain('task sees hello-world');
    // as Nextflow's config builder logs it, once, when a config file reads a secret
    const log = readFileSync(join(dir, '.nextflow.log'), 'utf8');
    expect(log.match(/DEBUG nextflow\.config\.ConfigBuilder - Config file used secrets -- reloading/g)).toHaveLength(1);
  });
});
