// The job as a tool sees it: defaults filled in, Files and Directories completed (contents, listings,
// secondaryFiles) and formats checked against the input declarations.
// https://www.commonwl.org/v1.2/CommandLineTool.html#CommandInputParameter
import { dirname } from 'node:path';
import type { CwlFileOrDirectory } from '../files/index.js';
import {
  checkFormat,
  completeFileOrDirectory,
  expandFormat,
  isFile,
  mapFileObjects,
  resolveSecondaryFiles,
} from '../files/index.js';
import { ParseError } from '../../../engine/errors.js';
import type { CommandLineTool, CwlParameter, CwlType, LoadListing } from '../model.js';
import { matchesType } from './type-match.js';

export interface PrepareOptions {
  readonly baseDir: string; // relative job locations are relative to this (the job file's folder)
  readonly loadListing: LoadListing; // LoadListingRequirement in effect
  // Evaluates secondaryFiles patterns, `required` and `format` expressions with `self`.
  readonly evaluate: (text: unknown, self: unknown) => Promise<unknown>;
  readonly isSubformat?: ((actual: string, accepted: string) => boolean) | undefined; // from the $schemas ontologies
  readonly discoverSecondaryFiles?: boolean | undefined; // look for secondaryFiles on disk (default true)
}

// Returns the job's inputs completed for the tool.
export async function prepareInputs(
  tool: CommandLineTool,
  job: Readonly<Record<string, unknown>>,
  options: PrepareOptions,
): Promise<Record<string, unknown>> {
  const inputs: Record<string, unknown> = {};
  const toolDir = dirname(tool.source.file);
  for (const parameter of tool.inputs) {
    const given = job[parameter.id];
    const fromDefault = given === undefined || given === null;
    const value = fromDefault ? (parameter.default ?? null) : given;
    if (!matchesType(parameter.type, value)) {
      throw new ParseError(
        `Input \`${parameter.id}\` of ${tool.id} should be of type ${JSON.stringify(parameter.type)}, got ${JSON.stringify(value) ?? 'nothing'}`,
        {
          hint: value === null ? 'give a value for it in the job' : 'give a value of the declared type',
          location: tool.source,
        },
      );
    }
    inputs[parameter.id] = await prepareValue(tool, parameter, value, fromDefault ? toolDir : options.baseDir, options);
  }
  return inputs;
}

// Completes the Files and Directories of one value following its type, so that secondaryFiles, formats and
// loadContents of record fields and array items apply where they are declared.
async function prepareValue(
  tool: CommandLineTool,
  schema: CwlParameter,
  value: unknown,
  baseDir: string,
  options: PrepareOptions,
): Promise<unknown> {
  if (value === null || value === undefined) return value;
  const type = schema.type;
  if (Array.isArray(type)) {
    const branch = (type as readonly CwlType[]).find(
      (candidate) => candidate !== 'null' && matchesType(candidate, value),
    );
    return prepareValue(tool, { ...schema, type: branch ?? 'Any' }, value, baseDir, options);
  }
  if (typeof type === 'object') {
    const structured = type as Exclude<CwlType, string | readonly CwlType[]>;
    if (structured.type === 'array' && Array.isArray(value)) {
      return Promise.all(
        value.map((item: unknown) => prepareValue(tool, { ...schema, type: structured.items }, item, baseDir, options)),
      );
    }
    if (structured.type === 'record' && typeof value === 'object' && !Array.isArray(value)) {
      const record: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const field of structured.fields)
        record[field.id] = await prepareValue(tool, field, record[field.id] ?? field.default ?? null, baseDir, options);
      return record;
    }
    return value;
  }
  const loadContents = schema.loadContents === true || schema.inputBinding?.loadContents === true;
  const loadListing = schema.loadListing ?? options.loadListing;
  const accepted = schema.format === undefined ? undefined : await acceptedFormats(tool, schema, options);
  return mapFileObjects(value, async (entry): Promise<CwlFileOrDirectory> => {
    let done = await completeFileOrDirectory(entry, {
      baseDir,
      loadContents: loadContents && type !== 'Any',
      loadListing,
    });
    if (isFile(done) && schema.secondaryFiles !== undefined && schema.secondaryFiles.length > 0) {
      done = await resolveSecondaryFiles(done, schema.secondaryFiles, {
        baseDir,
        defaultRequired: true,
        discover: options.discoverSecondaryFiles,
        evaluate: (text, self) => options.evaluate(text, self),
      });
      done = await completeFileOrDirectory(done, { baseDir, loadListing });
    }
    if (isFile(done) && done.format !== undefined)
      done = { ...done, format: expandFormat(done.format, tool.namespaces) };
    if (isFile(done) && accepted !== undefined) checkFormat(done, accepted, schema.id, options.isSubformat);
    return done;
  });
}

// The formats an input accepts, its expression evaluated and prefixes expanded.
async function acceptedFormats(
  tool: CommandLineTool,
  parameter: CwlParameter,
  options: PrepareOptions,
): Promise<string[]> {
  const written = parameter.format;
  const value = typeof written === 'string' ? await options.evaluate(written, null) : written;
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  return list
    .filter((format): format is string => typeof format === 'string')
    .map((format) => expandFormat(format, tool.namespaces));
}
