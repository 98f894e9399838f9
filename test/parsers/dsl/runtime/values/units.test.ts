// The DSL's MemoryUnit and Duration read the engine's unit tables: every spelling pipe's options accept in the
// DSL's forms (`2.GB`, `'1 hrs'`), and the DSL's forms keep their own rules (a memory unit ends in B, a time unit
// is lower case).
import { describe, expect, it } from 'vitest';
import { DURATION_UNITS, MEMORY_UNITS, parseDuration as parseEngineDuration } from '../../../../../engine/units.js';
import {
  Duration,
  MemoryUnit,
  parseDuration,
  parseMemory,
  quantityMember,
  unitOfNumber,
} from '../../../../../parsers/dsl/runtime/values/units.js';

describe('DSL quantities on the engine unit tables', () => {
  it.each(Object.entries(DURATION_UNITS))('reads 3.%s and "3 %s" as the engine does', (unit, ms) => {
    expect(unitOfNumber(3, unit)).toEqual(new Duration(3 * ms));
    expect(parseDuration(`3 ${unit}`)?.amount).toBe(3 * ms);
    expect(parseEngineDuration(`3${unit}`)).toBe(3 * ms);
  });

  it.each(['b', 'kb', 'mb', 'gb', 'tb', 'pb'])('reads 2.%s in either case as the engine does', (unit) => {
    const bytes = 2 * (MEMORY_UNITS[unit] as number);
    expect(unitOfNumber(2, unit.toUpperCase())).toEqual(new MemoryUnit(bytes));
    expect(unitOfNumber(2, unit)).toEqual(new MemoryUnit(bytes));
    expect(parseMemory(`2 ${unit.toUpperCase()}`)?.amount).toBe(bytes);
  });

  it('keeps the DSL forms: no bare G or GiB property, no upper-case time unit', () => {
    expect(unitOfNumber(2, 'G')).toBeUndefined();
    expect(unitOfNumber(2, 'GiB')).toBeUndefined();
    expect(unitOfNumber(2, 'H')).toBeUndefined();
    expect(parseDuration('1 fortnight')).toBeUndefined();
  });

  it('converts with toUnit by any spelling of the table', () => {
    const q = new MemoryUnit(3 * 1024 ** 3);
    expect(quantityMember(q, 'toUnit', ['GB'])).toBe(3);
    expect(quantityMember(q, 'toUnit', ['mb'])).toBe(3072);
  });
});
