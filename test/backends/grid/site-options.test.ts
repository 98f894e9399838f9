import { describe, expect, it } from 'vitest';
import { schedulerKey, taskSite } from '../../../backends/grid/site-options.js';

describe("a task's scheduler options over the backend's", () => {
  const site = { queue: 'main', account: 'lab', clusterOptions: ['--qos=normal'] };

  it("replaces the backend's queue and account and adds its directives after the backend's", () => {
    expect(taskSite(site, { queue: 'long', clusterOptions: ['--exclusive'] })).toEqual({
      queue: 'long',
      account: 'lab',
      clusterOptions: ['--qos=normal', '--exclusive'],
    });
    expect(taskSite(site, undefined)).toBe(site);
  });

  it('keys equal options alike and different ones apart, so only equal ones share an array job', () => {
    expect(schedulerKey({ queue: 'a', clusterOptions: ['x'] })).toBe(
      schedulerKey({ queue: 'a', clusterOptions: ['x'] }),
    );
    expect(schedulerKey({ queue: 'a' })).not.toBe(schedulerKey({ queue: 'b' }));
    expect(schedulerKey({ clusterOptions: ['x'] })).not.toBe(schedulerKey(undefined));
  });
});
