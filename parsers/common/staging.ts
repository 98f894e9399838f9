// The staging area a format runtime fetches remote inputs through: the run's, or one of its own under the launch
// dir's .pipe/staging when the caller (a test, `pipe check`) gave none.
import { join } from 'node:path';
import { createStagerRegistry } from '../../engine/staging/registry.js';
import { createStagingArea, type StagingArea } from '../../engine/staging/staging-area.js';
import type { ParseOptions } from '../options.js';

const fallbacks = new WeakMap<ParseOptions, StagingArea>();

// The area for a parse.
export function stagingArea(opts: ParseOptions): StagingArea {
  if (opts.staging !== undefined) return opts.staging;
  let area = fallbacks.get(opts);
  if (area === undefined) {
    const dir = join(opts.launchDir ?? process.cwd(), '.pipe', 'staging');
    area = createStagingArea({ dir, registry: createStagerRegistry() });
    fallbacks.set(opts, area);
  }
  return area;
}
