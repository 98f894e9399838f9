// Values as text on a command line, as cwltool writes them (Python's str()).
import { pythonNumber } from '../expressions/index.js';
import { isDirectory, isFile } from '../files/index.js';
import { ToolError } from './errors.js';

// A File or Directory as its path, numbers and booleans as Python prints them, other values as JSON.
export function toText(value: unknown): string {
  if (isFile(value) || isDirectory(value)) {
    if (value.path === undefined) throw new ToolError(`${value.class} object missing "path": ${JSON.stringify(value)}`);
    return value.path;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null || value === undefined) return 'None';
  return JSON.stringify(value);
}
