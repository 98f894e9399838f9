// `-N RECIPIENTS` (Nextflow's -with-notification): when the run ends, a plain-text summary e-mailed to the
// comma-separated recipients through the machine's `sendmail -t`, as Nextflow does without a mail server configured.
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { UsageError } from '../../engine/errors.js';
import type { RunOutcome } from '../../engine/run.js';

// Checks -N's value before the run: Nextflow would read recipients from config; pipe needs them given.
export function checkNotify(notify: true | string | undefined): void {
  if (notify === true || (typeof notify === 'string' && !/^[^\s,@]+@[^\s,@]+(,[^\s,@]+@[^\s,@]+)*$/.test(notify))) {
    throw new UsageError(`-N needs e-mail addresses separated by commas${notify === true ? '' : `, got "${notify}"`}`, {
      hint: 'e.g. -N ada@example.org,alan@example.org',
    });
  }
}

// The message, headers included, for `sendmail -t`.
export function notificationMail(to: string, workflow: string, outcome: RunOutcome, elapsedMs: number): string {
  const verb = outcome.status === 'succeeded' ? 'completed' : outcome.status;
  const counts = Object.entries(outcome.counts)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `  ${state}: ${n}`);
  return [
    `To: ${to}`,
    `Subject: Workflow ${verb} [${outcome.runId}]`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Workflow: ${workflow}`,
    `Run: ${outcome.runId} on ${hostname()}`,
    `Status: ${outcome.status} (exit code ${outcome.exitCode})`,
    `Duration: ${(elapsedMs / 1000).toFixed(1)} s`,
    'Tasks:',
    ...counts,
    ...(outcome.notRun > 0 ? [`  not run: ${outcome.notRun}`] : []),
    '',
  ].join('\n');
}

// Sends the mail; a warning (never a failed run) when sendmail is missing or refuses it.
export function sendNotification(mail: string, warn: (message: string) => void): void {
  const sent = spawnSync('sendmail', ['-t'], { input: mail, encoding: 'utf8' });
  if (sent.error !== undefined) warn(`-N: cannot run sendmail (${sent.error.message}); no e-mail was sent`);
  else if (sent.status !== 0) warn(`-N: sendmail exited ${String(sent.status)}: ${sent.stderr.trim()}`);
}
