export { cwlInputs, parseCwl } from './parse-cwl.js';
export { inputsHelp, jobTemplate } from './job/job-template.js';
export { printDeps } from './pack/print-deps.js';
export { packDocument } from './pack/pack.js';
