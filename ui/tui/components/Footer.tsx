// The footer of the live view: the latest failures with where their logs are, notices, and the final summary.
import { relative } from 'node:path';
import { Box, Text } from 'ink';
import { formatCount, formatDuration, truncate } from '../../format.js';
import type { ErrorLine, RunSnapshot } from '../run-model.js';

// A path relative to the current directory when it lies inside it.
function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

// One failure: task, attempt, reason, and the work dir or stderr file to look at (the path is kept whole; the
// reason is cut when the line is too long).
function ErrorRow({ error, width }: { readonly error: ErrorLine; readonly width: number }) {
  const where = error.where === undefined ? '' : ` — see ${shortPath(error.where)}`;
  const head = `task ${error.taskId} (${error.step}, attempt ${error.attempt}): `;
  const room = Math.max(12, width - 2 - head.length - where.length);
  return (
    <Text wrap="truncate">
      <Text color="red">✖</Text> {head}
      {truncate(error.reason, room)}
      <Text dimColor>{where}</Text>
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
export function Footer({
  run,
  width,
  maxErrors,
}: {
  readonly run: RunSnapshot;
  readonly width: number;
  readonly maxErrors: number;
}) {
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
