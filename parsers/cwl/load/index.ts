export { loadCwlProcess } from './load-cwl.js';
export { expandFormat, resolveFileLiterals } from './parameters.js';
export { describeType } from './sources.js';
export { isRecord, shortName } from './shorthand.js';
