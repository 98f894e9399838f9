// Completing File and Directory values: location, path, name parts, size, checksum, contents and listing.
// https://www.commonwl.org/v1.2/CommandLineTool.html#File · #Directory · #LoadListingRequirement
import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CwlDirectory, CwlFile, LoadListing } from '../model.js';
import { readContents, sha1Checksum } from './contents.js';
import { CwlFileError } from './errors.js';
import {
  basenameOf,
  dirnameOf,
  isLiteralLocation,
  locationFromPath,
  pathFromLocation,
  splitBasename,
} from './location.js';

export type CwlFileOrDirectory = CwlFile | CwlDirectory;

export interface CompleteOptions {
  readonly baseDir: string; // what relative locations and paths are relative to
  readonly checksum?: boolean | undefined; // compute `sha1$...` for files
  readonly loadContents?: boolean | undefined; // read the first 64 KiB into `contents`
  readonly loadListing?: LoadListing | undefined; // for directories without a listing (default no_listing)
  readonly signal?: AbortSignal | undefined;
}

// Whether a value is a File object.
export function isFile(value: unknown): value is CwlFile {
  return typeof value === 'object' && value !== null && (value as { class?: unknown }).class === 'File';
}

// Whether a value is a Directory object.
export function isDirectory(value: unknown): value is CwlDirectory {
  return typeof value === 'object' && value !== null && (value as { class?: unknown }).class === 'Directory';
}

// Whether a File or Directory has nothing on disk yet: a literal with contents or a listing, to write when staged.
export function isLiteral(value: CwlFileOrDirectory): boolean {
  if (value.path !== undefined) return false;
  return value.location === undefined || isLiteralLocation(value.location);
}

// Completes a File or Directory value.
export function completeFileOrDirectory(
  value: CwlFileOrDirectory,
  options: CompleteOptions,
): Promise<CwlFileOrDirectory> {
  return isFile(value) ? completeFile(value, options) : completeDirectory(value, options);
}

// Fills every field of a File the spec derives from its location; reads size, and checksum/contents when asked.
export async function completeFile(file: CwlFile, options: CompleteOptions): Promise<CwlFile> {
  const out: CwlFile = { ...file, class: 'File' };
  const secondary = options.loadContents === true ? { ...options, loadContents: false } : options;
  if (file.secondaryFiles !== undefined)
    out.secondaryFiles = await Promise.all(
      file.secondaryFiles.map((entry) => completeFileOrDirectory(entry, secondary)),
    );
  if (isLiteral(file)) {
    if (file.contents === undefined) {
      throw new CwlFileError(`File ${JSON.stringify(file)} has no location, path or contents`, {
        hint: 'give the file a `location` (or `path`), or its `contents` for a file literal',
      });
    }
    if (file.basename !== undefined) Object.assign(out, splitBasename(file.basename));
    return out;
  }
  const path = localPath(file, options.baseDir);
  const stats = await statOf(path, file.location ?? path);
  if (!stats.isFile())
    throw new CwlFileError(`\`${file.location ?? path}\` is not a file`, {
      hint: 'use class: Directory for directories',
    });
  return fillFile(out, path, stats, options);
}

// What completeFile gives for `{ class: 'File', path }` where the caller has stat'ed the regular file already.
export function completeFileAt(path: string, stats: Stats, options: CompleteOptions): Promise<CwlFile> {
  return fillFile({ class: 'File' }, path, stats, options);
}

// Fills a File's fields from its path and stats (a basename it has is kept): location, name parts, size, and
// checksum/contents when asked.
async function fillFile(out: CwlFile, path: string, stats: Stats, options: CompleteOptions): Promise<CwlFile> {
  out.location = locationFromPath(path);
  out.path = path;
  out.basename = out.basename ?? basenameOf(path);
  out.dirname = dirnameOf(path);
  Object.assign(out, splitBasename(out.basename));
  out.size = stats.size;
  if (options.checksum === true) out.checksum = await sha1Checksum(path, options.signal, stats.size);
  if (options.loadContents === true && out.contents === undefined) out.contents = await readContents(path);
  return out;
}

// Fills a Directory's location, path and basename, and its listing as `loadListing` says unless it has one.
export async function completeDirectory(dir: CwlDirectory, options: CompleteOptions): Promise<CwlDirectory> {
  const out: CwlDirectory = { ...dir, class: 'Directory' };
  const listingOptions: CompleteOptions = { ...options, loadContents: false, loadListing: 'no_listing' }; // entries keep their own listings
  if (isLiteral(dir)) {
    out.listing = await Promise.all((dir.listing ?? []).map((entry) => completeFileOrDirectory(entry, listingOptions)));
    return out;
  }
  const path = localPath(dir, options.baseDir);
  const stats = await statOf(path, dir.location ?? path);
  if (!stats.isDirectory())
    throw new CwlFileError(`\`${dir.location ?? path}\` is not a directory`, { hint: 'use class: File for files' });
  out.location = locationFromPath(path);
  out.path = path;
  out.basename = dir.basename ?? basenameOf(path);
  if (dir.listing !== undefined) {
    out.listing = await Promise.all(dir.listing.map((entry) => completeFileOrDirectory(entry, listingOptions)));
  } else if (options.loadListing === 'shallow_listing' || options.loadListing === 'deep_listing') {
    out.listing = await listDirectory(path, options.loadListing, options);
  }
  return out;
}

// The entries of a directory sorted by name: files complete, subdirectories listed too for deep_listing.
export async function listDirectory(
  path: string,
  loadListing: LoadListing,
  options: CompleteOptions,
): Promise<CwlFileOrDirectory[]> {
  const names = (await readdir(path)).sort();
  const inner: CompleteOptions = {
    ...options,
    loadContents: false,
    loadListing: loadListing === 'deep_listing' ? 'deep_listing' : 'no_listing',
  };
  return Promise.all(
    names.map(async (name) => {
      const entry = join(path, name);
      const stats = await statOf(entry, entry);
      return stats.isDirectory()
        ? completeDirectory({ class: 'Directory', location: locationFromPath(entry) }, inner)
        : completeFile({ class: 'File', location: locationFromPath(entry) }, inner);
    }),
  );
}

// The local path a File or Directory names: its `path` if given, else its `location`.
export function localPath(value: CwlFileOrDirectory, baseDir: string): string {
  if (value.path !== undefined) return resolve(baseDir, value.path);
  if (value.location === undefined)
    throw new CwlFileError(`${value.class} ${JSON.stringify(value)} has neither location nor path`);
  return pathFromLocation(value.location, baseDir);
}

// Stats a path, naming the value as written when it does not exist.
async function statOf(path: string, written: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch (error) {
    throw new CwlFileError(`\`${written}\` does not exist`, {
      cause: error,
      hint: `check the path (resolved to ${path})`,
    });
  }
}
