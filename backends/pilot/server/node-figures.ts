// The node figures agents send with their beats (`pipe agent --monitor`): checked at the edge, the latest kept per
// agent for `pipe server`'s view and `pipe tasks --server`, and a bounded history per agent for the run report.
// When an agent's history is full, every other sample is dropped: it keeps covering the whole session, at half
// the resolution each time it fills.
import { z } from 'zod';
import type { NodeFigures } from '../protocol/messages.js';

export const NODE_HISTORY_LIMIT = 512;

const bytes = z.number().finite().nonnegative();
const nodeFiguresSchema = z.object({
  at: z.number().finite().nonnegative(),
  load1: z.number().finite().nonnegative().optional(),
  memUsedBytes: bytes.optional(),
  memTotalBytes: bytes.optional(),
  gpus: z
    .array(
      z.object({
        index: z.number().int().nonnegative(),
        utilPercent: z.number().finite().min(0).max(100).optional(),
        memUsedBytes: bytes.optional(),
        memTotalBytes: bytes.optional(),
      }),
    )
    .max(64)
    .optional(),
});

// The figures of a beat, or undefined when it carries none or malformed ones (an old or foreign agent).
export function checkNodeFigures(value: unknown): NodeFigures | undefined {
  if (value === undefined) return undefined;
  const result = nodeFiguresSchema.safeParse(value);
  return result.success ? result.data : undefined;
}

export interface NodeRecord {
  latest?: NodeFigures | undefined;
  readonly history: NodeFigures[];
}

export function newNodeRecord(): NodeRecord {
  return { history: [] };
}

// Keeps one sample: the latest, and in the history (thinned when full).
export function recordNode(record: NodeRecord, figures: NodeFigures, limit = NODE_HISTORY_LIMIT): void {
  record.latest = figures;
  const history = record.history;
  if (history.length >= limit) {
    let kept = 0;
    for (let i = 0; i < history.length; i += 2) history[kept++] = history[i]!;
    history.length = kept;
  }
  history.push(figures);
}
