// `-N RECIPIENTS` (Nextflow's -with-notification): when the run ends, a plain-text summary e-mailed to the
// comma-separated recipients through the machine's `sendmail -t`, as Nextflow does without a mail server configured.
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { UsageError } from '../../engine/errors.js';
import type { WorkflowNotification } from '../../engine/graph.js';
import type { RunOutcome } from '../../engine/run.js';

const ADDRESSES = /^[^\s,@]+@[^\s,@]+(,[^\s,@]+@[^\s,@]+)*$/;

// Checks -N's value before the run: addresses, or nothing/`true`/`false` to turn on or off the config's
// `notification` scope (Nextflow's -with-notification).
export function checkNotify(notify: true | string | undefined): void {
  if (notify === undefined || notify === true || notify === 'true' || notify === 'false') return;
  if (!ADDRESSES.test(notify)) {
    throw new UsageError(`-N needs e-mail addresses separated by commas, got "${notify}"`, {
      hint: 'e.g. -N ada@example.org,alan@example.org; a bare -N mails `notification.to` from the config',
    });
  }
}

// The e-mail to send when the run ends: -N's addresses, or the config's `notification` scope, which a bare -N (or
// `-N true`) enables and `-N false` turns off, as Nextflow's ConfigCmdAdapter does.
export function runNotification(
  notify: true | string | undefined,
  own: WorkflowNotification | undefined,
): WorkflowNotification | undefined {
  if (notify === 'false') return undefined;
  if (notify === undefined) return own?.enabled === true ? own : undefined;
  if (notify === true || notify === 'true') return { enabled: true, to: own?.to, from: own?.from };
  return { enabled: true, to: notify, from: own?.from };
}

// The message, headers included, for `sendmail -t`.
export function notificationMail(
  to: string,
  from: string | undefined,
  workflow: string,
  outcome: RunOutcome,
  elapsedMs: number,
): string {
  const verb = outcome.status === 'succeeded' ? 'completed' : outcome.status;
  const counts = Object.entries(outcome.counts)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `  ${state}: ${n}`);
  return [
    `To: ${to}`,
    ...(from === undefined ? [] : [`From: ${from}`]),
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

// Sends the mail; a warning (never a failed run) when no one is to receive it, or sendmail is missing or refuses it.
export function sendNotification(
  notification: WorkflowNotification,
  mail: (to: string) => string,
  warn: (message: string) => void,
): void {
  if (notification.to === undefined) {
    warn('no e-mail recipients (-N with no address and no `notification.to` in the config); no e-mail was sent');
    return;
  }
  const sent = spawnSync('sendmail', ['-t'], { input: mail(notification.to), encoding: 'utf8' });
  if (sent.error !== undefined) warn(`-N: cannot run sendmail (${sent.error.message}); no e-mail was sent`);
  else if (sent.status !== 0) warn(`-N: sendmail exited ${String(sent.status)}: ${sent.stderr.trim()}`);
}
