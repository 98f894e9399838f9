// The footer of the live view: the latest failures with where their logs are, notices, and the final summary.
import { Box, Text } from 'ink';
import { formatCount, formatDuration, truncate } from '../../format.js';
import type { ErrorLine, RunSnapshot } from '../run-model.js';

// One failure: task, attempt, reason, and the work dir or stderr file to look at.
function ErrorRow({ error, width }: { readonly error: ErrorLine; readonly width: number }) {
  const where = error.where === undefined ? '' : ` — see ${error.where}`;
  return (
    <Text wrap="truncate">
      <Text color="red">✖</Text> {truncate(`task ${error.taskId} (${error.step}, attempt ${error.attempt}): ${error.reason}${where}`, width - 2)}
    </Text>
  );
}

// The summary line printed when the run ends, as the plain log prints it.
export function summaryLine(run: RunSnapshot): string | undefined {
  const end = run.finished;
  if (end === undefined) return undefined;
  const c = end.counts;
  const notRun = end.notRun > 0 ? `, ${formatCount(end.notRun)} not run` : '';
  return (
    `pipe: run ${end.runId} ${end.status} in ${formatDuration(run.elapsedMs)}: ${formatCount(c.succeeded)} succeeded, ` +
    `${formatCount(c.cached)} cached, ${formatCount(c.failed)} failed, ${formatCount(c.cancelled)} cancelled${notRun}`
  );
}

// Draws the footer; `maxErrors` limits how many failure lines it takes.
export function Footer({ run, width, maxErrors }: { readonly run: RunSnapshot; readonly width: number; readonly maxErrors: number }) {
  const errors = maxErrors > 0 ? run.errors.slice(-maxErrors) : [];
  const summary = summaryLine(run);
  return (
    <Box flexDirection="column">
      {errors.map((error) => (
        <ErrorRow key={`${error.taskId}.${error.attempt}.${error.time}`} error={error} width={width} />
      ))}
      {run.notices.map((notice, i) => (
        <Text key={`n${i}`} dimColor wrap="truncate">
          {notice}
        </Text>
      ))}
      {summary === undefined ? null : (
        <Text bold color={run.finished?.status === 'succeeded' ? 'green' : 'red'}>
          {summary}
        </Text>
      )}
    </Box>
  );
}
