/**
 * Decodes Stripe's form encoding (`metadata[org_id]=x`, `line_items[0][price]=y`,
 * `expand[]=z`) into nested objects and arrays, as stripe-node's
 * `stringifyRequestData` produces it. Values stay strings: each endpoint decides
 * what a field means, as Stripe's API does.
 */

export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormParams = { [key: string]: FormValue };

export function decodeForm(encoded: string): FormParams {
  const root: FormParams = {};
  for (const [rawKey, value] of new URLSearchParams(encoded)) {
    const path = splitKey(rawKey);
    if (path === null) continue;
    assign(root, path, value);
  }
  return arraysFromIndexedObjects(root) as FormParams;
}

/** `a[b][0][]` -> ['a', 'b', '0', ''] ; malformed keys are kept whole. */
function splitKey(key: string): string[] | null {
  const open = key.indexOf('[');
  if (open <= 0) return key === '' ? null : [key];
  const segments = [key.slice(0, open)];
  const rest = key.slice(open);
  const pattern = /\[([^\]]*)\]/g;
  let consumed = 0;
  for (const match of rest.matchAll(pattern)) {
    if (match.index !== consumed) return [key];
    segments.push(match[1] ?? '');
    consumed = match.index + match[0].length;
  }
  return consumed === rest.length ? segments : [key];
}

// While building, `[]` pushes get a synthetic index so the later pass turns them into arrays.
const APPEND = '\u0000append';

function assign(target: { [key: string]: FormValue }, path: string[], value: string): void {
  let node = target;
  for (let index = 0; index < path.length; index++) {
    let segment = path[index] ?? '';
    if (segment === '') segment = `${APPEND}${Object.keys(node).length}`;
    if (index === path.length - 1) {
      node[segment] = value;
      return;
    }
    const next = node[segment];
    if (typeof next === 'object' && next !== null && !Array.isArray(next)) {
      node = next;
    } else {
      const created: { [key: string]: FormValue } = {};
      node[segment] = created;
      node = created;
    }
  }
}

function arraysFromIndexedObjects(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const isIndexed =
    keys.length > 0 && keys.every((key) => /^\d+$/.test(key) || key.startsWith(APPEND));
  if (isIndexed) {
    const ordered = keys
      .map((key) => ({
        order: key.startsWith(APPEND) ? Number(key.slice(APPEND.length)) : Number(key),
        item: arraysFromIndexedObjects(value[key] as FormValue),
      }))
      .sort((a, b) => a.order - b.order);
    return ordered.map((entry) => entry.item);
  }
  const result: { [key: string]: FormValue } = {};
  for (const key of keys) result[key] = arraysFromIndexedObjects(value[key] as FormValue);
  return result;
}
