import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../../parsers/common/edit-distance.js';

describe('editDistance', () => {
  it.each([
    ['command', 'command', 0],
    ['comand', 'command', 1],
    ['commnad', 'command', 1],
    ['cpu', 'cpus', 1],
    ['', 'id', 2],
    ['kitten', 'sitting', 3],
  ] as const)('counts %j → %j as %d edits', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});

describe('closestMatch', () => {
  const fields = ['id', 'command', 'after', 'cpus', 'memory', 'time', 'retries', 'tags'];

  it.each([
    ['comand', 'command'],
    ['Command', 'command'],
    ['memroy', 'memory'],
    ['tag', 'tags'],
    ['retires', 'retries'],
  ])('suggests %j for %j', (typo, meant) => {
    expect(closestMatch(typo, fields)).toBe(meant);
  });

  it('suggests nothing for a word unlike any candidate', () => {
    expect(closestMatch('container', fields)).toBeUndefined();
  });
});
