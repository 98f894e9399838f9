// Reads conformance_tests.yaml and the lists it `$import`s into one list of tests, with paths relative to the
// suite folder. https://github.com/common-workflow-language/cwltest
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { parseExactJson } from './exact-json.js';
import { indentFlowContinuations } from './flow-indent.js';

export interface ConformanceTest {
  readonly number: number; // 1-based, in file order, as cwltest's -n counts
  readonly id: string;
  readonly doc: string;
  readonly tool: string; // relative to the suite folder, may carry #fragment
  readonly job?: string | undefined;
  readonly output: unknown;
  readonly shouldFail: boolean;
  readonly tags: readonly string[];
}

// Loads every test of the suite in `suiteDir`.
export function loadTests(suiteDir: string): ConformanceTest[] {
  const tests: ConformanceTest[] = [];
  const read = (file: string): void => {
    const entries = parse(indentFlowContinuations(readFileSync(file, 'utf8')), { intAsBigInt: true }) as Record<
      string,
      unknown
    >[];
    const base = dirname(file);
    for (const entry of entries) {
      if (typeof entry.$import === 'string') {
        read(join(base, entry.$import));
        continue;
      }
      const at = (path: unknown): string | undefined =>
        typeof path === 'string' ? relative(suiteDir, join(base, path)) : undefined;
      tests.push({
        number: tests.length + 1,
        id: String(entry.id ?? `test-${tests.length + 1}`),
        doc: String(entry.doc ?? '').trim(),
        tool: at(entry.tool) ?? '',
        job: at(entry.job),
        output: importedOutput(entry.output, base),
        shouldFail: entry.should_fail === true,
        tags: Array.isArray(entry.tags) ? entry.tags.map(String) : [],
      });
    }
  };
  read(join(suiteDir, 'conformance_tests.yaml'));
  return tests;
}

// A test's expected output (ints as BigInts, as Python reads them), read from the JSON file `{$import: FILE}` names (as cwltest's loader does).
function importedOutput(output: unknown, base: string): unknown {
  const imported =
    typeof output === 'object' && output !== null ? (output as Record<string, unknown>)['$import'] : undefined;
  if (typeof imported !== 'string') return output ?? {};
  return parseExactJson(readFileSync(join(base, imported), 'utf8'));
}
