// The live view's line for staging: transfers running, done, reused from the cache and failed, and the bytes moved.
import { Text } from 'ink';
import { formatCount } from '../../format.js';
import type { TransferSummary } from '../../progress/transfer-tally.js';
import { traceMemory } from '../../trace/nextflow-format.js';

// The line's text, e.g. "transfers: 2 running, 5 done, 3 reused · 34.5 MB of 120 MB".
export function transfersText(t: TransferSummary): string {
  const parts = [`${formatCount(t.running)} running`, `${formatCount(t.done)} done`];
  if (t.reused > 0) parts.push(`${formatCount(t.reused)} reused`);
  if (t.failed > 0) parts.push(`${formatCount(t.failed)} failed`);
  if (t.retries > 0) parts.push(`${formatCount(t.retries)} retried`);
  const moved = t.totalBytes > 0 ? ` · ${traceMemory(t.bytes)} of ${traceMemory(t.totalBytes)}` : '';
  return `transfers: ${parts.join(', ')}${moved}`;
}

export function TransfersLine({ transfers }: { readonly transfers: TransferSummary }) {
  return (
    <Text wrap="truncate" color={transfers.failed > 0 ? 'red' : undefined} dimColor={transfers.failed === 0}>
      {transfersText(transfers)}
    </Text>
  );
}
