// Whether a value of one CWL type can flow into a port of another, leniently as cwltool's static checker:
// only connections that can never match are rejected.
import type { CwlType } from '../model.js';

const NUMBERS = new Set(['int', 'long', 'float', 'double']);

// True when some value of `source` could be accepted by `sink`.
export function sinkAccepts(sink: CwlType, source: CwlType): boolean {
  if (Array.isArray(source))
    return (source as readonly CwlType[]).some((s) => (s === 'null' ? acceptsNull(sink) : sinkAccepts(sink, s)));
  if (Array.isArray(sink)) return (sink as readonly CwlType[]).some((s) => sinkAccepts(s, source));
  if (sink === 'Any' || source === 'Any') return true;
  if (typeof sink === 'string' && typeof source === 'string') {
    if (sink === source) return true;
    return NUMBERS.has(sink) && NUMBERS.has(source);
  }
  const sinkKind = kindOf(sink);
  const sourceKind = kindOf(source);
  if (sinkKind === 'array' && sourceKind === 'array')
    return sinkAccepts((sink as { items: CwlType }).items, (source as { items: CwlType }).items);
  if (sinkKind === 'array' || sourceKind === 'array') return false;
  if (sinkKind === 'enum' || sourceKind === 'enum')
    return sinkKind === 'string' || sourceKind === 'string' || sinkKind === sourceKind;
  return sinkKind === sourceKind;
}

// True when the sink takes null.
function acceptsNull(sink: CwlType): boolean {
  if (Array.isArray(sink)) return (sink as readonly CwlType[]).some(acceptsNull);
  return sink === 'null' || sink === 'Any';
}

// The broad kind of a non-union type.
function kindOf(type: CwlType): string {
  return typeof type === 'string' ? type : (type as { type: string }).type;
}
