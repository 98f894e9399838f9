// A task's own scheduler options (from the workflow) over the backend's: its queue and account replace the
// backend's, its extra directives follow the backend's.
import type { SchedulerOptions } from '../../engine/task.js';
import type { GridSiteOptions } from './scheduler.js';

// The site options a batch of tasks with these scheduler options is submitted with.
export function taskSite(site: GridSiteOptions, own: SchedulerOptions | undefined): GridSiteOptions {
  if (own === undefined) return site;
  return {
    queue: own.queue ?? site.queue,
    account: own.account ?? site.account,
    clusterOptions: [...(site.clusterOptions ?? []), ...(own.clusterOptions ?? [])],
  };
}

// A key equal for tasks that may share an array job: equal queue, account and extra directives.
export function schedulerKey(own: SchedulerOptions | undefined): string {
  if (own === undefined) return '';
  return JSON.stringify([own.queue ?? null, own.account ?? null, own.clusterOptions ?? []]);
}
