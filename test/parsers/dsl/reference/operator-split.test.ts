// reference/operator.md: splitFasta, splitFastq, splitJson, splitText and the count operators, with the options
// the reference lists (by, limit, elem, file, record, pe, path, decompress) and its examples' output.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runPipe, scratchDir } from '../../../helpers/cli.js';
import { lines, runScript } from './helpers.js';

const FASTA = '>seq1 first one\nACGT\nGGTT\n>seq2\nTTTT\n>seq3 x\nAA\n';
const FASTQ = '@r1\nACGT\n+\nIIII\n@r2 two\nGGGG\n+r2\nJJJJ\n';

describe('reference/operator: splitters and counters', () => {
  it('splitJson: array elements, object entries as key/value, and a path into the document', async () => {
    const { stdout, code } = await runScript(`
channel.of('[1, null, ["A", {}], true]').splitJson().view { v -> "Item: \${v}" }
`);
    expect(code).toBe(0);
    expect(lines(stdout)).toEqual(['Item: 1', 'Item: null', 'Item: [A, [:]]', 'Item: true']);
    const object = await runScript(`
channel.of('{"A": 1, "B": [1, 2, 3], "C": {"D": null}}').splitJson().view { v -> "Item: \${v}" }
`);
    expect(lines(object.stdout)).toEqual([
      'Item: [key:A, value:1]',
      'Item: [key:B, value:[1, 2, 3]]',
      'Item: [key:C, value:[D:null]]',
    ]);
    const path = await runScript(`
channel.of('{"A": 1, "B": [2, 3, {"C": {"D": null, "E": 4, "F": 5}}]}').splitJson(path: 'B[2].C').view { v -> "Item: \${v}" }
`);
    expect(lines(path.stdout)).toEqual([
      'Item: [key:D, value:null]',
      'Item: [key:E, value:4]',
      'Item: [key:F, value:5]',
    ]);
  });

  it('splitFasta: chunks of `by` sequences, records with the fields asked for, `limit`', async () => {
    const { stdout, code } = await runScript(
      `
workflow {
  channel.fromPath('s.fa').splitFasta(by: 2).view { "<\${it}>" }
  channel.fromPath('s.fa').splitFasta(record: [id: true, desc: true, seqString: true], limit: 2).view()
}
`,
      [],
      { 's.fa': FASTA },
    );
    expect(code).toBe(0);
    const out = lines(stdout);
    expect(out.filter((l) => l.startsWith('['))).toEqual([
      '[id:seq1, desc:first one, seqString:ACGTGGTT]',
      '[id:seq2, desc:null, seqString:TTTT]',
    ]);
    expect(out.filter((l) => !l.startsWith('[')).join('\n')).toBe(
      '<>seq1 first one\nACGT\nGGTT\n>seq2\nTTTT\n>\n<>seq3 x\nAA\n>',
    );
  });

  it('splitFasta in a pipe into a process, with `file: true` chunks replacing the file in a tuple', async () => {
    const { stdout, code } = await runScript(
      `
process foo {
  debug true
  input:
  stdin()
  script:
  "grep -c '>' -"
}
workflow {
  channel.fromPath('s.fa') | splitFasta(by: 2) | foo
  channel.of(['x', file('s.fa')]).splitFasta(file: true).view { id, f -> "\$id \${f.name} \${f.text.readLines()[0]}" }
}
`,
      [],
      { 's.fa': FASTA },
    );
    expect(code).toBe(0);
    expect(lines(stdout).sort()).toEqual(['1', '2', 'x s.1.fa >seq1 first one', 'x s.2.fa >seq2', 'x s.3.fa >seq3 x']);
  });

  it('splitFastq: records, paired files split in step with `pe: true`, gzipped input', async () => {
    const dir = scratchDir({ 'r_2.fq': FASTQ });
    writeFileSync(join(dir, 'r_1.fq.gz'), gzipSync(FASTQ));
    writeFileSync(
      join(dir, 'main.nf'),
      `
workflow {
  channel.fromPath('r_1.fq.gz').splitFastq(record: true).view { r -> "\${r.readHeader} \${r.readString} \${r.qualityString}" }
  channel.of(['s', file('r_1.fq.gz'), file('r_2.fq')]).splitFastq(pe: true).view { id, a, b -> "\$id \${a.readLines()[0]} \${b.readLines()[0]}" }
  channel.fromPath('r_2.fq').countFastq().view { "reads \$it" }
}
`,
    );
    const { stdout, code } = await runPipe(['-q', 'run', 'main.nf'], dir);
    expect(code).toBe(0);
    expect(lines(stdout).sort()).toEqual([
      'r1 ACGT IIII',
      'r2 two GGGG JJJJ',
      'reads 2',
      's @r1 @r1',
      's @r2 two @r2 two',
    ]);
  });

  it('splitText with `by` and a closure; countLines and countFasta count over all items', async () => {
    const { stdout, code } = await runScript(
      `
workflow {
  channel.of('a\\nb\\nc').splitText(by: 2) { v -> v.toUpperCase() }.view { "[\${it}]" }
  channel.fromPath('s.fa').countFasta().view { "fasta \$it" }
  channel.of('x\\ny\\n', 'z\\n').countLines().view { "lines \$it" }
}
`,
      [],
      { 's.fa': FASTA },
    );
    expect(code).toBe(0);
    // a chunk keeps its newlines: `[A\nB\n]` prints three lines
    expect(lines(stdout).sort()).toEqual(['[A', 'B', ']', '[C', ']', 'fasta 3', 'lines 3'].sort());
  });
});
