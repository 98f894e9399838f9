// The whole live view: header, step table sized to the terminal, staging's transfers, footer.
import { Box } from 'ink';
import type { RunSnapshot } from '../run-model.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { StepTable } from './StepTable.js';
import { TransfersLine } from './TransfersLine.js';

export interface RunViewProps {
  readonly run: RunSnapshot;
  readonly columns: number;
  readonly rows: number;
}

// Lays out the view so that it never takes more lines than the terminal has.
export function RunView({ run, columns, rows }: RunViewProps) {
  const footerFixed = run.notices.length + (run.finished === undefined ? 0 : 1) + (run.transfers === undefined ? 0 : 1);
  const maxErrors = Math.min(run.errors.length, Math.max(1, Math.floor(rows / 6)));
  const stepRows = Math.max(1, rows - 2 - 1 - footerFixed - maxErrors - 1);
  return (
    <Box flexDirection="column" width={columns}>
      <Header run={run} />
      <Box marginTop={1}>
        <StepTable steps={run.steps} maxRows={stepRows} width={columns} />
      </Box>
      {run.transfers === undefined ? null : <TransfersLine transfers={run.transfers} />}
      <Footer run={run} width={columns} maxErrors={maxErrors} />
    </Box>
  );
}
