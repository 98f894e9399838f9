// reference/workflow.md (workflow outputs): the entry workflow's publish: section, the output { } block (path, index,
// mode), -output-dir, and the outputs printed when the run ends.
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipe } from '../../../helpers/cli.js';
import { runScript } from './helpers.js';

const script = `
nextflow.enable.types = true
process make {
  input:
  id: String
  output:
  record(id: id, txt: file("\${id}.txt"), log: file('logs/run.log'))
  script:
  "echo \${id} > \${id}.txt; mkdir logs; echo log > logs/run.log"
}
workflow {
  main:
  samples = make(channel.of('a', 'b'))
  publish:
  samples = samples
  extra = channel.of(1)
}
output {
  samples {
    path { s ->
      s.txt >> 'texts/'
      s.log >> "logs/\${s.id}.log"
    }
    index {
      path 'samples.csv'
      header true
    }
  }
  extra {
    path 'extra'
  }
}
`;

describe('reference/workflow: workflow outputs', () => {
  it('publishes each value where the path closure sends it, writes the index and prints the outputs', async () => {
    const { stdout, code, dir } = await runScript(script);
    expect(code).toBe(0);
    const results = join(dir, 'results');
    expect(readFileSync(join(results, 'texts/a.txt'), 'utf8')).toBe('a\n');
    expect(lstatSync(join(results, 'texts/a.txt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(results, 'logs/b.log'), 'utf8')).toBe('log\n');
    const index = readFileSync(join(results, 'samples.csv'), 'utf8').trim().split('\n').sort();
    expect(index).toEqual([
      `"a","${results}/texts/a.txt","${results}/logs/a.log"`,
      `"b","${results}/texts/b.txt","${results}/logs/b.log"`,
      '"id","txt","log"',
    ]);
    expect(stdout).toBe(`\nOutputs:\n\n  ${results}\n\n  samples: samples.csv\n\n  extra: 1\n`);
  });

  it('publishes to -output-dir, by the configured mode, and prints the outputs as JSON with -output-format json', async () => {
    const { stdout, code, dir } = await runScript(script, ['-o', 'out', '-output-format', 'json'], {
      'nextflow.config': "workflow.output.mode = 'copy'\n",
    });
    expect(code).toBe(0);
    expect(lstatSync(join(dir, 'out/texts/a.txt')).isSymbolicLink()).toBe(false);
    expect(existsSync(join(dir, 'results'))).toBe(false);
    expect(JSON.parse(stdout)).toEqual({ samples: join(dir, 'out/samples.csv'), extra: 1 });
  });

  it('fails the run with a located error when a value cannot be published, and builds it for pipe check', async () => {
    const broken = [
      'workflow {',
      '  main:',
      "  samples = channel.of('a', 'b')",
      '  publish:',
      '  samples = samples',
      '}',
      'output {',
      '  samples {',
      "    path { s -> s.txt >> 'texts/' }",
      '  }',
      '}',
      '',
    ].join('\n');
    const run = await runScript(broken);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('main.nf:9:17: `txt` is not a property of String `a`');
    const check = await runPipe(['check', 'main.nf'], run.dir);
    expect(check.code).toBe(0);
    expect(check.stderr).toBe('');
  });
});
