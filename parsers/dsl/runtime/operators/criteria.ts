// Groovy's `isCase`, the test operators such as filter, first, count and buffer apply to a criterion that is not a
// closure: a pattern matches the item's text whole, a class takes its instances, a collection its members, anything
// else equals the item.
import { instanceOf } from '../groovy/classes.js';
import { GPattern } from '../values/pattern.js';
import { equals, isClosure, show, truthy } from '../values/values.js';

// Whether `item` meets `criterion` (a closure's truth, a pattern, a class, a collection or a value).
export function isCase(criterion: unknown, item: unknown): boolean {
  if (isClosure(criterion)) return truthy(criterion.call([item]));
  if (criterion instanceof GPattern) return item !== null && item !== undefined && criterion.matchesWhole(show(item));
  const className = classCriterion(criterion);
  if (className !== undefined) return instanceOf(item, className);
  if (Array.isArray(criterion)) return criterion.some((member) => equals(member, item));
  return equals(criterion, item);
}

// The class a criterion names, when it is one of the language's class names (`Number`, `String`, …).
function classCriterion(criterion: unknown): string | undefined {
  if (typeof criterion !== 'object' || criterion === null) return undefined;
  const global = criterion as { kind?: unknown; name?: unknown };
  return global.kind === 'global' && typeof global.name === 'string' ? global.name : undefined;
}
