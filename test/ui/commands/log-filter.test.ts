import { describe, expect, it } from 'vitest';
import { compileLogFilter } from '../../../ui/commands/log-filter.js';

const FIELDS = ['process', 'status', 'exit', 'name', 'container', 'attempt'];
const TASK: Record<string, string | number | undefined> = {
  process: 'bar',
  status: 'COMPLETED',
  exit: 0,
  name: 'bar (sample_1)',
  container: undefined,
  attempt: 2,
};
const lookup = (name: string): string | number | undefined => TASK[name];

describe('pipe log -F filters (Groovy conditions over task fields)', () => {
  it.each([
    ["process == 'bar'", true],
    ['process == "foo"', false],
    ["process = 'bar'", true],
    ['container = "ubuntu"', false],
    ['container == null', true],
    ["status != 'FAILED' && exit == 0", true],
    ["status == 'FAILED' || attempt > 1", true],
    ['!(attempt >= 2)', false],
    ['exit == "0"', false],
    ['name =~ /sample_\\d/', true],
    ['name ==~ /sample_\\d/', false],
    ['name ==~ /bar \\(sample_1\\)/', true],
    ["name =~ 'sam.le'", true],
    ['attempt < 10 && attempt <= 2', true],
  ])('%s is %s', (source, expected) => {
    expect(compileLogFilter(source, FIELDS)(lookup)).toBe(expected);
  });

  it('names an unknown field with the closest one', () => {
    expect(() => compileLogFilter("proces == 'bar'", FIELDS)).toThrow(/no task field `proces`/);
  });

  it.each([
    ["process == 'bar", /unclosed '/],
    ['process ==', /ends early/],
    ['(exit == 0', /expected `\)`/],
  ])('reports %s with its column', (source, message) => {
    expect(() => compileLogFilter(source, FIELDS)).toThrow(message);
  });
});
