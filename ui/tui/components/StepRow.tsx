// One row of the step table: state mark, name, progress bar, done/total, cached, failed, cancelled, running, queued,
// latest tag.
import { Text } from 'ink';
import { formatCount, truncate } from '../../format.js';
import { stepFinished } from '../layout.js';
import type { StepCounts } from '../run-model.js';
import { ProgressBar } from './ProgressBar.js';

export interface StepColumns {
  readonly name: number;
  readonly bar: number;
  readonly count: number; // width of "done/total"
  readonly tag: number;
}

// The mark in front of a step: failed, stopped with cancelled tasks, finished, running, or waiting.
function mark(step: StepCounts): { readonly glyph: string; readonly color: string } {
  if (step.failed > 0) return { glyph: '✖', color: 'red' };
  if (step.cancelled > 0) return { glyph: '⊘', color: 'magenta' };
  if (stepFinished(step)) return { glyph: '✔', color: 'green' };
  if (step.running > 0 || step.queued > 0) return { glyph: '▶', color: 'yellow' };
  return { glyph: '·', color: 'gray' };
}

// Draws the row; numbers are right-aligned so columns line up.
export function StepRow({ step, columns }: { readonly step: StepCounts; readonly columns: StepColumns }) {
  const { glyph, color } = mark(step);
  const total = step.final ? formatCount(step.total) : `${formatCount(step.total)}+`;
  const tag = step.lastTag === undefined || columns.tag < 12 ? '' : truncate(step.lastTag, columns.tag - 10);
  return (
    <Text wrap="truncate">
      <Text color={color}>{glyph}</Text> {truncate(step.name, columns.name).padEnd(columns.name)}{' '}
      <ProgressBar done={step.done} failed={step.failed} total={step.total} width={columns.bar} />{' '}
      {`${formatCount(step.done)}/${total}`.padStart(columns.count)}
      <Text color="cyan">{step.cached > 0 ? ` ${formatCount(step.cached)} cached` : ''}</Text>
      <Text color="red">{step.failed > 0 ? ` ${formatCount(step.failed)} failed` : ''}</Text>
      <Text color="magenta">{step.cancelled > 0 ? ` ${formatCount(step.cancelled)} cancelled` : ''}</Text>
      <Text color="yellow">{step.running > 0 ? ` ${formatCount(step.running)} running` : ''}</Text>
      <Text dimColor>{step.queued > 0 ? ` ${formatCount(step.queued)} queued` : ''}</Text>
      <Text dimColor>{tag === '' ? '' : ` · latest ${tag}`}</Text>
    </Text>
  );
}
