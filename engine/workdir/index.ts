export { WorkDirFile, freshDir, workDirFor, writeWorkDir, writeWorkDirScripts, readExitCode } from './work-dir.js';
export type { WorkDirSpec } from './work-dir.js';
export { renderCommandRun, renderCommandSh, interpreterOf } from './command-run.js';
export type { CommandRunOptions, WrapperOptions } from './command-run.js';
export { shellQuote, exportLines } from './shell-quote.js';
export { parseCommandTrace, readCommandTrace, TRACE_HEADER } from './command-trace.js';
