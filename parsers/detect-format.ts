// Telling a workflow's format from its name and, for YAML and JSON, its top-level fields.
import { extname } from 'node:path';
import type { WorkflowFormat } from '../engine/graph.js';
import { readHead, readTextFile } from './common/read-file.js';

// Formats known by extension alone.
const FORMAT_BY_EXTENSION: Readonly<Record<string, WorkflowFormat>> = {
  '.cwl': 'cwl',
  '.nf': 'dsl',
};
const STRUCTURED_EXTENSIONS: ReadonlySet<string> = new Set(['.yaml', '.yml', '.json']);
const CWL_KEYS = ['class', 'cwlVersion'];
const YAML_CWL_KEY = /^(?:class|cwlVersion)[ \t]*:/m;
const SHEBANG_BYTES = 256;

// The file's format: `.cwl`, or YAML/JSON with a top-level `class`, is CWL; `.nf` the DSL; anything else a task list.
export async function detectFormat(file: string): Promise<WorkflowFormat> {
  const extension = extname(file).toLowerCase();
  const known = FORMAT_BY_EXTENSION[extension];
  if (known !== undefined) return known;
  if (STRUCTURED_EXTENSIONS.has(extension)) {
    const text = await readTextFile(file);
    return isCwlText(text, extension === '.json') ? 'cwl' : 'tasklist';
  }
  const head = (await readHead(file, SHEBANG_BYTES)).toString('utf8');
  return formatFromShebang(head) ?? 'tasklist';
}

// Whether YAML or JSON text is a CWL document: a top-level `class` or `cwlVersion`, or a cwl-runner shebang.
function isCwlText(text: string, json: boolean): boolean {
  if (formatFromShebang(text) === 'cwl') return true;
  if (!json) return YAML_CWL_KEY.test(text);
  if (!CWL_KEYS.some((key) => text.includes(`"${key}"`))) return false;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && CWL_KEYS.some((key) => key in value);
  } catch {
    return false;
  }
}

// The format a `#!` first line names: cwl-runner for CWL, nextflow for the DSL.
function formatFromShebang(text: string): WorkflowFormat | undefined {
  if (!text.startsWith('#!')) return undefined;
  const line = text.slice(0, text.indexOf('\n') >>> 0);
  if (/\bcwl-runner\b/.test(line)) return 'cwl';
  if (/\bnextflow\b/.test(line)) return 'dsl';
  return undefined;
}
