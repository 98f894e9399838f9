// The step table: one row per step, or failed and running steps plus summary rows when they do not all fit.
import { Box, Text } from 'ink';
import { chooseRows } from '../layout.js';
import type { StepCounts } from '../run-model.js';
import { StepRow, type StepColumns } from './StepRow.js';

export interface StepTableProps {
  readonly steps: readonly StepCounts[];
  readonly maxRows: number;
  readonly width: number;
}

// Column widths that fit the terminal: the name column shrinks first, then the bar.
export function stepColumns(steps: readonly StepCounts[], width: number): StepColumns {
  let longest = 4;
  let count = 3;
  for (const s of steps) {
    longest = Math.max(longest, s.name.length);
    count = Math.max(count, String(s.total).length * 2 + 2);
  }
  const name = Math.min(longest, 28, Math.max(8, Math.floor(width / 4)));
  const bar = width >= 90 ? 24 : width >= 60 ? 16 : 8;
  const tag = Math.max(0, width - (2 + name + 1 + bar + 1 + count + 40));
  return { name, bar, count, tag };
}

// Draws the rows chosen for the available height.
export function StepTable({ steps, maxRows, width }: StepTableProps) {
  const rows = chooseRows(steps, maxRows);
  const columns = stepColumns(
    steps.length <= 200 ? steps : rows.flatMap((r) => (r.kind === 'step' ? [r.step] : [])),
    width,
  );
  return (
    <Box flexDirection="column">
      {rows.map((row) =>
        row.kind === 'step' ? (
          <StepRow key={row.step.id} step={row.step} columns={columns} />
        ) : (
          <Text key={row.key} dimColor wrap="truncate">
            {'  '}
            {row.text}
          </Text>
        ),
      )}
    </Box>
  );
}
