import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, stepDigest, taskKey } from '../../engine/cache-key.js';

describe('cache keys', () => {
  it('serialises objects with sorted keys so equal values give equal text', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: undefined }] })).toBe('{"a":[2,{"d":3}],"b":1}');
  });

  it('gives the same key for the same command and a different key for a changed one', () => {
    const step = stepDigest({ identity: 'tasklist' });
    expect(taskKey(step, { command: 'echo a' })).toBe(taskKey(step, { command: 'echo a' }));
    expect(taskKey(step, { command: 'echo a' })).not.toBe(taskKey(step, { command: 'echo b' }));
  });

  it('keeps identical commands apart by their occurrence', () => {
    const step = stepDigest({ identity: 'tasklist' });
    expect(taskKey(step, { command: 'sleep 1', occurrence: 0 })).not.toBe(
      taskKey(step, { command: 'sleep 1', occurrence: 1 }),
    );
  });

  it('changes every key of a step when its environment changes', () => {
    const a = stepDigest({ identity: 's', env: { X: '1' } });
    const b = stepDigest({ identity: 's', env: { X: '2' } });
    expect(taskKey(a, { command: 'true' })).not.toBe(taskKey(b, { command: 'true' }));
  });

  it('changes a key with the container image (and its id) a task runs in', () => {
    const step = stepDigest({ identity: 's' });
    const plain = taskKey(step, { command: 'true' });
    const inImage = taskKey(step, { command: 'true', container: 'quay.io/tool:1@5e0f' });
    expect(inImage).not.toBe(plain);
    expect(taskKey(step, { command: 'true', container: 'quay.io/tool:1@77aa' })).not.toBe(inImage);
  });

  it('produces 64 hex characters', () => {
    expect(taskKey(stepDigest({ identity: 's' }), { command: 'true' })).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('task key layout', () => {
  it('hashes the canonical JSON of [step digest, command, env, inputs digest, occurrence]', () => {
    const step = stepDigest({ identity: 'tasklist' });
    const spec = { command: 'echo "hi"', env: { B: '2', A: '1' }, inputsDigest: 'abc', occurrence: 3 };
    const expected = createHash('sha256')
      .update(canonicalJson([step, spec.command, spec.env, 'abc', 3]))
      .digest('hex');
    expect(taskKey(step, spec)).toBe(expected);
  });
});
