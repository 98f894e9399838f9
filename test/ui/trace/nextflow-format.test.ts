import { describe, expect, it } from 'vitest';
import { traceDate, traceDuration, traceMemory, tracePercent } from '../../../ui/trace/nextflow-format.js';

describe("Nextflow's trace value formats", () => {
  it.each([
    [0, '0ms'],
    [340, '340ms'],
    [5000, '5.0s'],
    [5140, '5.1s'],
    [59_940, '59.9s'],
    [60_000, '1m'],
    [65_400, '1m 5s'],
    [7_203_000, '2h 3s'],
    [90_000_000, '1d 1h'],
  ])('prints a duration of %i ms as "%s"', (ms, text) => {
    expect(traceDuration(ms)).toBe(text);
  });

  it.each([
    [0, '0'],
    [512, '512 B'],
    [1024, '1 KB'],
    [31_247_564, '29.8 MB'],
    [1.5 * 2 ** 30, '1.5 GB'],
  ])('prints %i bytes as "%s"', (bytes, text) => {
    expect(traceMemory(bytes)).toBe(text);
  });

  it('prints percentages with one decimal and missing values as "-"', () => {
    expect(tracePercent(96.34)).toBe('96.3%');
    expect(tracePercent(undefined)).toBe('-');
    expect(traceMemory(undefined)).toBe('-');
    expect(traceDuration(undefined)).toBe('-');
  });

  it('prints a timestamp as yyyy-MM-dd HH:mm:ss.SSS in local time', () => {
    const t = new Date(2024, 0, 9, 8, 5, 3, 7).getTime();
    expect(traceDate(t)).toBe('2024-01-09 08:05:03.007');
  });
});
