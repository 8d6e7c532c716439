/**
 * NUL (U+0000) is valid in JSON and JavaScript strings but not in a Postgres
 * text value, which refuses it with an encoding error. Input is refused where
 * it arrives (422, naming the field); values copied from elsewhere, such as a
 * token's user_metadata that its user may edit, have it removed.
 */

const NUL = '\u0000';

/** Dotted paths of every string in `value` that holds a NUL, e.g. `name` or `items.0.id`. */
export function pathsWithNul(value: unknown, path: string[] = []): string[] {
  if (typeof value === 'string') return value.includes(NUL) ? [path.join('.')] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => pathsWithNul(item, [...path, String(index)]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      key.includes(NUL) ? [[...path, key.replaceAll(NUL, '')].join('.')] : pathsWithNul(item, [...path, key]),
    );
  }
  return [];
}

/** A copy of `value` with NUL removed from every string in it, keys included. */
export function withoutNul<Value>(value: Value): Value {
  if (typeof value === 'string') return value.replaceAll(NUL, '') as Value;
  if (Array.isArray(value)) return value.map(withoutNul) as Value;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.replaceAll(NUL, ''), withoutNul(item)])) as Value;
  }
  return value;
}
