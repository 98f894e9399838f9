// What the nf-core integration tests compare with a pipeline's nf-test snapshot (`.nf.test.snap`): the processes of
// the software versions YAML with their tools, and the names of every published file and folder.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { load } from 'js-yaml';
import { expect } from 'vitest';
import { globToRegExp } from '../../engine/glob-pattern.js';

type VersionsTable = Record<string, Record<string, unknown>>;

// Every file and folder under `root`, relative (nft-utils' getAllFilesFromDir with relative and includeDir).
export function allPaths(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? [relative(root, path), ...allPaths(root, path)] : [relative(root, path)];
  });
}

// Each process of a versions table with its tools' names, sorted (the versions themselves are the stand-ins').
function toolsOf(table: VersionsTable): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(table)
      .filter(([process]) => process !== 'Workflow')
      .map(([process, tools]) => [process, Object.keys(tools).sort()]),
  );
}

// The versions YAML the run published in `out`/pipeline_info lists the same processes with the same tools.
export function expectVersions(out: string, yamlName: string, snapshot: VersionsTable): void {
  const published = load(readFileSync(join(out, 'pipeline_info', yamlName), 'utf8')) as VersionsTable;
  expect(toolsOf(published)).toEqual(toolsOf(snapshot));
}

// The run published every file and folder the snapshot names, and nothing else, but pipeline_info/*.{html,json,txt},
// whose names carry the run's time.
export function expectPublishedNames(out: string, names: readonly string[]): void {
  const timestamped = globToRegExp('pipeline_info/*.{html,json,txt}');
  expect(
    allPaths(out)
      .filter((path) => !timestamped.test(path))
      .sort(),
  ).toEqual([...names].sort());
}
