// The `notification` config scope: whether a run e-mails a summary when it ends, to whom and from whom, as
// Nextflow's WorkflowNotifier reads it (`-N` on the command line overrides it).
import type { WorkflowNotification } from '../../../../engine/graph.js';
import { show, truthy } from '../values/values.js';

// The scope's settings; `to` may be a list of addresses (joined with commas), as may `from`'s single address.
export function notificationSettings(settings: ReadonlyMap<string, unknown>): WorkflowNotification | undefined {
  const enabled = settings.get('notification.enabled');
  const to = addresses(settings.get('notification.to'));
  const from = addresses(settings.get('notification.from'));
  if (enabled === undefined && to === undefined && from === undefined) return undefined;
  return { enabled: truthy(enabled), to, from };
}

function addresses(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = Array.isArray(value) ? value.map((v) => show(v).trim()).join(',') : show(value).trim();
  return text === '' ? undefined : text;
}
