// The staging area a format runtime fetches remote inputs through: the run's, or one of its own under the launch
// dir's .pipe/staging when the caller (a test, `pipe check`) gave none.
import { join } from 'node:path';
import { createStagerRegistry } from '../../engine/staging/registry.js';
import { createStagingArea, type StagingArea } from '../../engine/staging/staging-area.js';
import type { ParseOptions } from '../options.js';

const fallbacks = new Map<string, StagingArea>();

// The area for a parse.
export function stagingArea(opts: Pick<ParseOptions, 'staging' | 'launchDir'>): StagingArea {
  if (opts.staging !== undefined) return opts.staging;
  const dir = join(opts.launchDir ?? process.cwd(), '.pipe', 'staging');
  let area = fallbacks.get(dir);
  if (area === undefined) {
    area = createStagingArea({ dir, registry: createStagerRegistry() });
    fallbacks.set(dir, area);
  }
  return area;
}
