// CWL's short spellings expanded into one form: map-form lists (`{id: value}`), short ids from URIs.
// https://www.commonwl.org/v1.2/SchemaSalad.html#Identifier_maps

// Turns a list written as a map (`{a: {...}, b: type}`) into a list of objects with the key in `keyField`; a
// scalar value goes into `valueField`. Lists stay lists; anything absent becomes an empty list.
export function mapToList(value: unknown, keyField: string, valueField: string): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((item) => (isRecord(item) ? item : { [valueField]: item }));
  if (!isRecord(value)) return [];
  return Object.entries(value).map(([key, item]) =>
    isRecord(item) && !Array.isArray(item) ? { [keyField]: key, ...item } : { [keyField]: key, [valueField]: item },
  );
}

// True for a plain object (not an array, not null).
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// The short name of an id or reference: the part after `#`, and after the last `/` of that.
export function shortName(id: string): string {
  const fragment = id.includes('#') ? id.slice(id.lastIndexOf('#') + 1) : id;
  return fragment.slice(fragment.lastIndexOf('/') + 1);
}

// The fragment of an id (what follows `#`), or the id itself without a leading `#`.
export function fragmentOf(id: string): string {
  return id.includes('#') ? id.slice(id.indexOf('#') + 1) : id;
}

// A string or list of strings as a list (undefined stays undefined).
export function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((item) => String(item));
  return [String(value)];
}

// The document path segment of the `index`th entry of a list written as a list or as a map (its key).
export function entrySegment(raw: unknown, index: number): string | number {
  return isRecord(raw) ? (Object.keys(raw)[index] ?? index) : index;
}
