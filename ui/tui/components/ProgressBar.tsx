// A progress bar of fixed width: finished tasks in green, failed ones in red, the rest dim.
import { Text } from 'ink';

export interface ProgressBarProps {
  readonly done: number;
  readonly failed: number;
  readonly total: number;
  readonly width: number;
}

// Cells for a share of the bar, never rounding a non-zero share down to nothing.
function cells(part: number, total: number, width: number): number {
  if (part <= 0 || total <= 0) return 0;
  return Math.min(width, Math.max(1, Math.floor((part / total) * width)));
}

// Draws the bar; an unknown total (0) shows an empty bar.
export function ProgressBar({ done, failed, total, width }: ProgressBarProps) {
  const bad = cells(failed, total, width);
  const good = Math.min(width - bad, cells(done - failed, total, width));
  return (
    <Text>
      <Text color="green">{'█'.repeat(good)}</Text>
      <Text color="red">{'█'.repeat(bad)}</Text>
      <Text dimColor>{'░'.repeat(width - good - bad)}</Text>
    </Text>
  );
}
