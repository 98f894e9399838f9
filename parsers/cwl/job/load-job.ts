// The input object of a run: the job file (YAML or JSON, relative locations against its folder) and input flags,
// checked against the process's inputs with defaults applied. Bad values fail before anything runs (exit 2).
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { ParseError, UsageError } from '../../../engine/errors.js';
import { loadStructuredDocument, type StructuredDocument } from '../../common/structured-document.js';
import { CwlFileError, completeFileOrDirectory, isFile, mapFileObjects } from '../files/index.js';
import { expandFormat, resolveFileLiterals, isRecord } from '../load/index.js';
import type { CwlProcess } from '../model.js';
import { parseInputFlags } from './input-flags.js';
import { prepareInputs } from './prepare-inputs.js';
import { fetchRemoteInputs } from './remote-files.js';
import type { StagingArea } from '../../../engine/staging/staging-area.js';

// Reads the job file and flags in `args` and returns the checked input object.
export async function loadJob(
  args: readonly string[],
  launchDir: string,
  process: CwlProcess,
  staging?: () => StagingArea,
): Promise<Record<string, unknown>> {
  const first = args[0];
  const jobFile = first !== undefined && !first.startsWith('--') ? resolve(launchDir, first) : undefined;
  let document: StructuredDocument | undefined;
  let fromFile: Record<string, unknown> = {};
  if (jobFile !== undefined) {
    let text: string;
    try {
      text = await readFile(jobFile, 'utf8');
    } catch (error) {
      throw new UsageError(
        `job file \`${first}\` cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        { hint: 'give the path of a YAML or JSON input object', cause: error },
      );
    }
    document = loadStructuredDocument(jobFile, text, extname(jobFile).toLowerCase() === '.json' ? 'json' : 'yaml');
    if (document.value !== null && document.value !== undefined && !isRecord(document.value)) {
      throw document.error(
        [],
        `a job file must hold a map of input names to values, got ${JSON.stringify(document.value)}`,
        'write `name: value` lines',
      );
    }
    const raw = { ...((document.value as Record<string, unknown> | null) ?? {}) };
    delete raw['cwl:tool'];
    fromFile = (await mapFileObjects(resolveFileLiterals(raw, jobFile), async (entry) =>
      isFile(entry) && entry.format !== undefined
        ? { ...entry, format: expandFormat(entry.format, cwlNamespaces(process)) }
        : entry,
    )) as Record<string, unknown>;
  }
  const flags = parseInputFlags(jobFile === undefined ? args : args.slice(1), process.inputs, launchDir);
  const local = { ...fromFile, ...flags };
  const given = staging === undefined ? local : await fetchRemoteInputs(local, staging());
  const prepared = prepareInputs(process.inputs, given);
  if ('problem' in prepared) {
    const { problem } = prepared;
    const hint = 'give the input a value of the declared type in the job file or as a flag';
    if (document !== undefined && problem.input in fromFile)
      throw document.error([problem.input], problem.message, hint);
    throw new ParseError(problem.message, {
      location: document === undefined ? process.source : document.locate([]),
      hint,
    });
  }
  const inputs: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(prepared.inputs)) {
    try {
      inputs[id] = await mapFileObjects(value, (entry) => completeFileOrDirectory(entry, { baseDir: launchDir }));
    } catch (error) {
      if (!(error instanceof CwlFileError)) throw error;
      const location = document !== undefined && id in fromFile ? document.locate([id]) : process.source;
      throw new ParseError(`input \`${id}\`: ${error.message}`, {
        location,
        hint: 'check that the file exists; relative paths start at the job file folder',
        cause: error,
      });
    }
  }
  // `cwl:requirements` is no input: it travels with the job to apply above every process's requirements.
  const jobRequirements = fromFile['cwl:requirements'];
  if (Array.isArray(jobRequirements)) inputs['cwl:requirements'] = jobRequirements;
  return inputs;
}

// The $namespaces a job's `format` prefixes resolve against (the process's own).
function cwlNamespaces(process: CwlProcess): Readonly<Record<string, string>> {
  return process.namespaces ?? {};
}
