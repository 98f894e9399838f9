export { parseConfig, parseDsl } from './parse-dsl.js';
export type * from './ast-expressions.js';
export type * from './ast-statements.js';
export type * from './ast-script.js';
export type * from './ast-config.js';
export { BINARY_OPERATORS } from './ast-expressions.js';
export { IO_QUALIFIERS } from './ast-script.js';
