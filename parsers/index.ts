export { parse } from './parse.js';
export { detectFormat } from './detect-format.js';
export type { ParseOptions } from './options.js';
