import { describe, expect, it } from 'vitest';
import { historyCommandWords } from '../../../../ui/cli/nextflow/history-args.js';

describe('nextflow log / clean spellings', () => {
  it.each([
    [
      ['log', 'last', '-f', 'workdir'],
      ['log', 'last', '-f', 'workdir'],
    ],
    [
      ['log', '-before', 'r1', '-fields', 'name'],
      ['log', '--before', 'r1', '--fields', 'name'],
    ],
    [
      ['-log', '.nextflow.log', 'log', 'last', '-F', 'x'],
      ['log', 'last', '-F', 'x'],
    ],
    [
      ['clean', '-dry-run', '-but', 'last'],
      ['clean', '--dry-run', '--but', 'last'],
    ],
    [
      ['clean', '-keep-logs=true'],
      ['clean', '--keep-logs=true'],
    ],
    [
      ['run', 'main.nf', '-before', 'x'],
      ['run', 'main.nf', '-before', 'x'],
    ],
    [
      ['log', '--', '-before'],
      ['log', '--', '-before'],
    ],
  ])('reads %j as %j', (argv, expected) => {
    expect(historyCommandWords(argv)).toEqual(expected);
  });
});
