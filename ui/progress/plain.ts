// The plain progress printer: periodic one-line summaries, a line per failed task, and a final summary.
import type { EventBus, PipeEvent } from '../../engine/events.js';
import { formatClock, formatCount, formatDuration } from '../format.js';

export interface PlainPrinterOptions {
  readonly write: (line: string) => void;
  readonly intervalMs: number;
  readonly quiet: boolean;
}

// Subscribes a plain printer to the bus; returns a function that detaches it.
export function attachPlainPrinter(bus: EventBus, opts: PlainPrinterOptions): () => void {
  let total = 0;
  let done = 0;
  let failed = 0;
  let cached = 0;
  let running = 0;
  let startedAt = Date.now();
  let firstRunAt: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  const totals = new Map<string, number>();

  const progressLine = (): string => {
    const now = Date.now();
    const ran = done - cached;
    const elapsed = now - (firstRunAt ?? startedAt);
    const rate = ran > 0 && elapsed > 0 ? ran / (elapsed / 1000) : 0;
    const left = Math.max(0, total - done);
    const eta = rate > 0 && left > 0 ? ` · ETA ${formatDuration((left / rate) * 1000)}` : '';
    const parts = [`${formatCount(done)}/${formatCount(total)} done`];
    if (cached > 0) parts.push(`${formatCount(cached)} cached`);
    parts.push(`${formatCount(running)} running`, `${formatCount(failed)} failed`);
    if (rate > 0) parts.push(`${rate >= 100 ? formatCount(rate) : rate.toFixed(1)}/s`);
    return `[${formatClock(now)}] ${parts.join(' · ')}${eta}`;
  };

  const onEvent = (event: PipeEvent): void => {
    switch (event.type) {
      case 'run.started':
        startedAt = event.time;
        if (!opts.quiet) {
          const resumed = event.resumedFrom === undefined ? '' : ` (resuming ${event.resumedFrom})`;
          opts.write(`pipe: run ${event.runId} of ${event.workflow} on ${event.backend}${resumed}`);
          timer = setInterval(() => opts.write(progressLine()), opts.intervalMs);
          timer.unref();
        }
        return;
      case 'step.expanded':
        total += event.total - (totals.get(event.stepId) ?? 0);
        totals.set(event.stepId, event.total);
        return;
      case 'task.state':
        if (event.to === 'submitted') firstRunAt ??= event.time;
        if (event.to === 'running') running += 1;
        else if (
          event.to === 'succeeded' ||
          event.to === 'failed' ||
          event.to === 'cancelled' ||
          event.to === 'cached'
        ) {
          if (event.from === 'running') running -= 1;
          if (event.to === 'cached') {
            cached += 1;
            done += 1;
            return;
          }
          if (event.to === 'failed') {
            failed += 1;
            const where = event.workDir ?? event.errFile;
            opts.write(
              `pipe: task ${event.taskId} failed (attempt ${event.attempt}): ${event.reason ?? `exit code ${event.exitCode}`}` +
                (where === undefined ? '' : ` — see ${where}`),
            );
          }
          done += 1;
        }
        return;
      case 'run.finished': {
        if (timer !== undefined) clearInterval(timer);
        const c = event.counts;
        const took = formatDuration(event.time - startedAt);
        const notRun = event.notRun > 0 ? `, ${formatCount(event.notRun)} not run` : '';
        opts.write(
          `pipe: run ${event.runId} ${event.status} in ${took}: ${formatCount(c.succeeded)} succeeded, ${formatCount(c.cached)} cached, ` +
            `${formatCount(c.failed)} failed, ${formatCount(c.cancelled)} cancelled${notRun}`,
        );
        return;
      }
      case 'run.warning':
        opts.write(`pipe: warning: ${event.message}`);
        return;
      case 'task.log':
        return;
      case 'stage.progress':
        // A transfer that is retried or fails is worth a line; progress is for the live view and JSON lines.
        if (event.state === 'retry')
          opts.write(
            `pipe: transfer of ${event.uri} failed (attempt ${event.attempt ?? 1}), retrying: ${event.reason ?? ''}`,
          );
        else if (event.state === 'failed')
          opts.write(`pipe: transfer of ${event.uri} failed: ${(event.reason ?? '').replace(`${event.uri}: `, '')}`);
        return;
      default: {
        const never: never = event;
        return never;
      }
    }
  };
  const detach = bus.subscribe(onEvent);
  return () => {
    if (timer !== undefined) clearInterval(timer);
    detach();
  };
}
