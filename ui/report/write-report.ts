// `--with-report FILE`: collects a run's report data and writes the HTML file.
import { writeFileSync } from 'node:fs';
import type { NodeSeries } from '../../engine/backend.js';
import type { Store } from '../../engine/store/store.js';
import type { TransferRecord } from '../progress/transfer-tally.js';
import { collectReport } from './collect-report.js';
import { renderReport } from './render-report.js';

// Writes the report of a run to `file`.
export function writeReport(
  store: Store,
  runId: string,
  file: string,
  transfers: readonly TransferRecord[] = [],
  nodes: readonly NodeSeries[] = [],
): void {
  writeFileSync(file, renderReport({ ...collectReport(store, runId), transfers, nodes }));
}
