// Nextflow's warning for a `withName` selector that names no process of the pipeline (most often a typo), with the
// closest process name. Only plain names are checked (`FOO`, `WF:FOO`); a regular expression is taken as meant.
import { closestMatch } from '../../../common/edit-distance.js';
import type { ScriptConsole } from '../../../options.js';
import type { ProcessSelector } from './config.js';

// Warns once per withName selector whose process name is none of `names` (every process and alias the scripts
// define, called or not: a config may set processes a run skips).
export function warnUnmatchedSelectors(
  selectors: readonly ProcessSelector[],
  names: readonly string[],
  console: ScriptConsole,
): void {
  const seen = new Set<string>();
  for (const selector of selectors) {
    if (selector.kind !== 'withName' || seen.has(selector.pattern)) continue;
    seen.add(selector.pattern);
    const tail = selector.pattern.replace(/^!/, '').split(':').pop() ?? '';
    if (!/^[A-Za-z_]\w*$/.test(tail) || names.includes(tail)) continue;
    const near = closestMatch(tail, names);
    const guess = near === undefined ? '' : ` -- Did you mean: ${selector.pattern.slice(0, -tail.length)}${near}?`;
    console.log('warn', `There's no process matching config selector: ${selector.pattern}${guess}`);
  }
}
