// Where a DSL script's own output goes on the command line (ParseOptions.console).
import type { ScriptConsole } from '../../parsers/options.js';

// A run's console without a live view: printed text on stdout, `log.info` on stdout, warnings and errors on stderr,
// as Nextflow's console shows them.
export const STANDARD_CONSOLE: ScriptConsole = {
  out: (text) => void process.stdout.write(text),
  log(level, message) {
    if (level === 'info') process.stdout.write(`${message}\n`);
    else process.stderr.write(`${level === 'warn' ? 'WARN' : 'ERROR'}: ${message}\n`);
  },
};

// For commands whose stdout is their own result (check, dag): everything the script prints goes to stderr.
export const STDERR_CONSOLE: ScriptConsole = {
  out: (text) => void process.stderr.write(text),
  log(level, message) {
    process.stderr.write(`${level === 'info' ? '' : `${level === 'warn' ? 'WARN' : 'ERROR'}: `}${message}\n`);
  },
};
