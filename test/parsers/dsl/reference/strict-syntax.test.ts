// reference/syntax.md (strict syntax): type annotations, the typed `params { }` block, enum types, feature flags.
import { describe, expect, it } from 'vitest';
import { parseDsl } from '../../../../parsers/dsl/syntax/index.js';
import { lines, runScript } from './helpers.js';

describe('reference/syntax: type annotations', () => {
  it('reads typed take:/emit: entries, typed function parameters and return types, typed def', async () => {
    const { stdout, code } = await runScript(`
nextflow.enable.types = true

workflow COUNT {
  take:
  words: Channel<String>

  main:
  counts = words.map { word: String -> word.length() }.collect()

  emit:
  counts: Value<List<Integer>> = counts
}

def isEven(n: Integer) -> Boolean {
  def half: Integer = n.intdiv(2)
  return half * 2 == n
}

workflow {
  COUNT(channel.of('one', 'three', 'four')).view { counts -> "counts: $counts (\${counts.findAll { n -> isEven(n) }.size()} even)" }
}
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['counts: [3, 5, 4] (1 even)']);
  });

  it('keeps labels, ternaries, map entries and named arguments that are not annotations', () => {
    const script = parseDsl(
      `
x = flag ? A : B
m = [key: Value]
foo(mode: Mode.COPY, size: Big)
ch.branch { small: it < 5; other: true }
`,
      'main.nf',
    );
    const [ternary, map, call] = script.body as unknown as { value?: { kind: string }; expression?: unknown }[];
    expect(ternary?.value?.kind).toBe('ternary');
    expect(map?.value?.kind).toBe('map');
    expect(JSON.stringify(call)).toContain('"name":"COPY"');
    expect(JSON.stringify(script.body[3])).toContain('"kind":"label","name":"small"');
  });
});

describe('reference/syntax: params block', () => {
  const script = `
params {
  // Comma-separated list of IDs.
  input: String
  save: Boolean
  method: String = 'auto'
  count: Integer = 2
  extra: Path?
}
workflow {
  println "input=\${params.input.tokenize(',')} save=\${params.save} method=\${params.method} count=\${params.count + 1} extra=\${params.extra}"
}
`;

  it('gives declared params their defaults, false for a Boolean, null for a nullable type', async () => {
    const { stdout, code } = await runScript(script, ['--input', 'a,b']);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['input=[a, b] save=false method=auto count=3 extra=null']);
  });

  it('converts command-line values to the declared type', async () => {
    const { stdout, code } = await runScript(script, ['--input', '7', '--save', '--method', 'x', '--count', '5']);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['input=[7] save=true method=x count=6 extra=null']);
  });

  it('refuses a run without a required param, and a param the script does not declare', async () => {
    const missing = await runScript(script);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('Parameter `input` is required');
    const unknown = await runScript(script, ['--input', 'a', '--inputs', 'b']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('Parameter `inputs` was specified on the command line or params file');
  });
});

describe('reference/syntax: enum types', () => {
  it('defines named constants usable as values and task inputs', async () => {
    const { stdout, code } = await runScript(`
enum Color {
  RED,
  GREEN
}
process paint {
  debug true
  input:
  val color
  script:
  "echo painted $color"
}
workflow {
  println Color.GREEN
  paint(channel.of(Color.RED))
}
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['GREEN', 'painted RED']);
  });
});

describe('reference/syntax: feature flags', () => {
  it('accepts nextflow.enable.* and nextflow.preview.* flags', async () => {
    const { stdout, code } = await runScript(`
nextflow.enable.dsl = 2
nextflow.enable.strict = true
nextflow.preview.topic = true
println 'ok'
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['ok']);
  });
});
