// The job as a tool sees it: defaults filled in, Files and Directories completed (contents, listings,
// secondaryFiles) and formats checked against the input declarations.
// https://www.commonwl.org/v1.2/CommandLineTool.html#CommandInputParameter
import { dirname } from 'node:path';
import type { CwlFileOrDirectory } from '../files/index.js';
import { checkFormat, completeFileOrDirectory, expandFormat, isFile, mapFileObjects, resolveSecondaryFiles } from '../files/index.js';
import type { CommandLineTool, CwlParameter, LoadListing } from '../model.js';

export interface PrepareOptions {
  readonly baseDir: string; // relative job locations are relative to this (the job file's folder)
  readonly loadListing: LoadListing; // LoadListingRequirement in effect
  // Evaluates secondaryFiles patterns, `required` and `format` expressions with `self`.
  readonly evaluate: (text: unknown, self: unknown) => Promise<unknown>;
}

// Returns the job's inputs completed for the tool.
export async function prepareInputs(tool: CommandLineTool, job: Readonly<Record<string, unknown>>, options: PrepareOptions): Promise<Record<string, unknown>> {
  const inputs: Record<string, unknown> = {};
  const toolDir = dirname(tool.source.file);
  for (const parameter of tool.inputs) {
    const given = job[parameter.id];
    const fromDefault = given === undefined || given === null;
    const value = fromDefault ? (parameter.default ?? null) : given;
    inputs[parameter.id] = await prepareValue(tool, parameter, value, fromDefault ? toolDir : options.baseDir, options);
  }
  return inputs;
}

// Completes the Files and Directories of one input value and checks their formats.
async function prepareValue(tool: CommandLineTool, parameter: CwlParameter, value: unknown, baseDir: string, options: PrepareOptions): Promise<unknown> {
  const loadContents = parameter.loadContents === true || parameter.inputBinding?.loadContents === true;
  const loadListing = parameter.loadListing ?? options.loadListing;
  const accepted = parameter.format === undefined ? undefined : await acceptedFormats(tool, parameter, options);
  return mapFileObjects(value, async (entry): Promise<CwlFileOrDirectory> => {
    let done = await completeFileOrDirectory(entry, { baseDir, loadContents, loadListing });
    if (isFile(done) && parameter.secondaryFiles !== undefined && parameter.secondaryFiles.length > 0) {
      done = await resolveSecondaryFiles(done, parameter.secondaryFiles, { baseDir, defaultRequired: true, evaluate: (text, self) => options.evaluate(text, self) });
      done = await completeFileOrDirectory(done, { baseDir, loadListing });
    }
    if (isFile(done) && accepted !== undefined) checkFormat(done, accepted, parameter.id);
    return done;
  });
}

// The formats an input accepts, its expression evaluated and prefixes expanded.
async function acceptedFormats(tool: CommandLineTool, parameter: CwlParameter, options: PrepareOptions): Promise<string[]> {
  const written = parameter.format;
  const value = typeof written === 'string' ? await options.evaluate(written, null) : written;
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list.filter((format): format is string => typeof format === 'string').map((format) => expandFormat(format, tool.namespaces));
}
