// The header of the live view: workflow, run id, backend, elapsed time, rate and ETA.
import { basename } from 'node:path';
import { Box, Text } from 'ink';
import { formatCount, formatDuration } from '../../format.js';
import type { RunSnapshot } from '../run-model.js';

// Draws the header: one line naming the run, one with overall progress.
export function Header({ run }: { readonly run: RunSnapshot }) {
  const rate = run.ratePerSec >= 100 ? formatCount(run.ratePerSec) : run.ratePerSec.toFixed(1);
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>pipe</Text> {basename(run.workflow)} <Text dimColor>run</Text> {run.runId} <Text dimColor>on</Text>{' '}
        {run.backend}
        {run.resumedFrom === undefined ? '' : ` (resuming ${run.resumedFrom})`}
      </Text>
      <Text>
        <Text dimColor>elapsed</Text> {formatDuration(run.elapsedMs)} <Text dimColor>·</Text> {formatCount(run.done)}/
        {formatCount(run.total)} done <Text dimColor>·</Text>{' '}
        <Text color="yellow">{formatCount(run.running)} running</Text>
        {run.queued > 0 ? <Text dimColor> · {formatCount(run.queued)} queued</Text> : null}
        {run.cached > 0 ? <Text color="cyan"> · {formatCount(run.cached)} cached</Text> : null}
        {run.failed > 0 ? <Text color="red"> · {formatCount(run.failed)} failed</Text> : null}
        {run.ratePerSec > 0 ? <Text dimColor> · {rate}/s</Text> : null}
        {run.etaMs === undefined ? null : <Text> · ETA {formatDuration(run.etaMs)}</Text>}
      </Text>
    </Box>
  );
}
