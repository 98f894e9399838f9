import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../engine/errors.js';
import { parseBackendOptions } from '../../../ui/commands/backend-options.js';

describe('--backend-opt KEY=VALUE', () => {
  it('reads numbers, booleans, JSON lists and text', () => {
    expect(
      parseBackendOptions(['queue=short', 'arraySize=200', 'x=true', 'clusterOptions=["--qos=long"]', 'account=a=b']),
    ).toEqual({
      queue: 'short',
      arraySize: 200,
      x: true,
      clusterOptions: ['--qos=long'],
      account: 'a=b',
    });
  });

  it('rejects a flag without KEY= and broken JSON, quoting it', () => {
    expect(() => parseBackendOptions(['short'])).toThrow(UsageError);
    expect(() => parseBackendOptions(['short'])).toThrow(/`short`/);
    expect(() => parseBackendOptions(['clusterOptions=[--qos'])).toThrow(/`\[--qos`/);
  });
});
