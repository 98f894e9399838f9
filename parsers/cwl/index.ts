export { cwlInputs, parseCwl } from './parse-cwl.js';
export { inputsHelp, jobTemplate } from './job/job-template.js';
