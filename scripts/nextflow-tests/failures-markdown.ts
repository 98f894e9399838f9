// Prints the failures of a suite result file (from run-nextflow-tests.ts) as a Markdown list for docs/dsl.md:
// `tsx scripts/nextflow-tests/failures-markdown.ts RESULTS.json`.
import { readFileSync } from 'node:fs';

interface ResultFile {
  readonly passed: number;
  readonly total: number;
  readonly results: readonly { name: string; status: string; reason?: string }[];
}

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: failures-markdown RESULTS.json\n');
  process.exit(2);
}
const data = JSON.parse(readFileSync(file, 'utf8')) as ResultFile;
const lines = [`${data.passed} of ${data.total} pass. Failing scripts, with the last lines of their checks:`, ''];
for (const result of data.results) {
  if (result.status === 'passed') continue;
  const reason = (result.reason ?? '')
    .replace(/\/tmp\/pipe-nextflow-tests-\w+\/(tests\/)?/g, '')
    .replace(/`/g, "'")
    .replace(/\s+/g, ' ')
    .slice(0, 240);
  lines.push(`- \`${result.name}\` (${result.status}): ${reason === '' ? 'no output (the check removed it)' : reason}`);
}
process.stdout.write(`${lines.join('\n')}\n`);
