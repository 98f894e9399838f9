export { parseCwl } from './parse-cwl.js';
