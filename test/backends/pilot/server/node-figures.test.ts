import { describe, expect, it } from 'vitest';
import { checkNodeFigures, newNodeRecord, recordNode } from '../../../../backends/pilot/server/node-figures.js';

describe("the server's node figures", () => {
  it('takes well-formed figures from a beat and ignores malformed or missing ones', () => {
    const good = { at: 5, load1: 0.5, memUsedBytes: 10, memTotalBytes: 20, gpus: [{ index: 0, utilPercent: 50 }] };
    expect(checkNodeFigures(good)).toEqual(good);
    expect(checkNodeFigures(undefined)).toBeUndefined();
    expect(checkNodeFigures({ at: 5, load1: -1 })).toBeUndefined();
    expect(checkNodeFigures({ at: 5, gpus: [{ index: 0, utilPercent: 900 }] })).toBeUndefined();
    expect(checkNodeFigures('load 1')).toBeUndefined();
  });

  it('keeps the latest, and a history that halves its resolution when full so it spans the whole session', () => {
    const record = newNodeRecord();
    for (let at = 0; at < 20; at++) recordNode(record, { at }, 8);
    expect(record.latest).toEqual({ at: 19 });
    expect(record.history.length).toBeLessThanOrEqual(8);
    expect(record.history[0]).toEqual({ at: 0 });
    expect(record.history.at(-1)).toEqual({ at: 19 });
    const times = record.history.map((f) => f.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
