// Prints the failures of a conformance result file (from run-conformance.ts) as a Markdown list for docs/cwl.md:
// `tsx scripts/conformance/failures-markdown.ts RESULTS.json`.
import { readFileSync } from 'node:fs';

interface ResultFile {
  readonly passed: number;
  readonly failed: number;
  readonly total: number;
  readonly required: { readonly passed: number; readonly total: number };
  readonly results: readonly { id: string; number: number; status: string; reason?: string }[];
}

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: failures-markdown RESULTS.json\n');
  process.exit(2);
}
const data = JSON.parse(readFileSync(file, 'utf8')) as ResultFile;
const lines = [
  `${data.passed} of ${data.total} passed (${data.required.passed} of ${data.required.total} \`required\`). Failing tests:`,
  '',
];
for (const result of data.results) {
  if (result.status === 'passed') continue;
  const reason = (result.reason ?? '')
    .replace(/\/tmp\/pipe-conformance-\w+/g, '…')
    .replace(/\s+/g, ' ')
    .slice(0, 220);
  lines.push(`- \`${result.id}\` (${result.number}, ${result.status}): ${reason}`);
}
process.stdout.write(`${lines.join('\n')}\n`);
