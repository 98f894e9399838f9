// `process.resourceLimits = [cpus: 2, memory: '4.GB', time: '1.h']`: caps what a task asks for, as Nextflow does
// (nf-core's test profiles rely on it).
import type { DirectiveValue } from './directives.js';
import { durationOf, memoryOf } from './settings.js';
import { numberOf, type DslMap } from '../values/values.js';

// Lowers task.cpus, task.memory and task.time to the limits when they ask for more.
export function capToResourceLimits(task: DslMap, directives: Map<string, DirectiveValue[]>): void {
  const limits = directives.get('resourceLimits')?.at(-1)?.named;
  if (limits === undefined) return;
  const maxCpus = numberOf(limits.get('cpus'));
  const cpus = numberOf(task.get('cpus'));
  if (maxCpus !== undefined && cpus !== undefined && cpus > maxCpus) task.set('cpus', maxCpus);
  const maxMemory = memoryOf(limits.get('memory'));
  const memory = memoryOf(task.get('memory'));
  if (maxMemory !== undefined && memory !== undefined && memory.amount > maxMemory.amount)
    task.set('memory', maxMemory);
  const maxTime = durationOf(limits.get('time'));
  const time = durationOf(task.get('time'));
  if (maxTime !== undefined && time !== undefined && time.amount > maxTime.amount) task.set('time', maxTime);
}
