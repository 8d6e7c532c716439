/**
 * List objects (`limit` / `starting_after` / `ending_before`), search results
 * and `expand`, shared by every resource.
 */
import { invalidRequest } from './errors';
import type { FormParams } from './form';
import type { ListObject } from './objects';
import { readInteger, readString } from './params';
import type { StandInState } from './store';

interface Identified {
  id: string;
}

function readLimit(params: FormParams): number {
  const limit = readInteger(params, 'limit') ?? 10;
  if (limit < 1 || limit > 100) {
    throw invalidRequest('Invalid limit: must be at least 1 and at most 100.', 'limit');
  }
  return limit;
}

/** `items` must already be filtered and newest first. */
export function paginate<T extends Identified>(items: T[], params: FormParams, url: string): ListObject<T> {
  const limit = readLimit(params);
  const startingAfter = readString(params, 'starting_after');
  const endingBefore = readString(params, 'ending_before');
  if (startingAfter) {
    const index = items.findIndex((item) => item.id === startingAfter);
    if (index === -1) throw invalidRequest(`No such object: '${startingAfter}'`, 'starting_after', 'resource_missing');
    const rest = items.slice(index + 1);
    return { object: 'list', data: rest.slice(0, limit), has_more: rest.length > limit, url };
  }
  if (endingBefore) {
    const index = items.findIndex((item) => item.id === endingBefore);
    if (index === -1) throw invalidRequest(`No such object: '${endingBefore}'`, 'ending_before', 'resource_missing');
    const before = items.slice(0, index);
    return { object: 'list', data: before.slice(-limit), has_more: before.length > limit, url };
  }
  return { object: 'list', data: items.slice(0, limit), has_more: items.length > limit, url };
}

export interface SearchResult<T> {
  object: 'search_result';
  data: T[];
  has_more: boolean;
  next_page: string | null;
  url: string;
}

/** Search pages with an opaque `page` token, as Stripe's search API does. */
export function searchPage<T>(items: T[], params: FormParams, url: string): SearchResult<T> {
  const limit = readLimit(params);
  const page = readString(params, 'page');
  const offset = page ? Number(Buffer.from(page, 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw invalidRequest('Invalid page token.', 'page');
  const data = items.slice(offset, offset + limit);
  const hasMore = items.length > offset + limit;
  return {
    object: 'search_result',
    data,
    has_more: hasMore,
    next_page: hasMore ? Buffer.from(String(offset + limit), 'utf8').toString('base64url') : null,
    url,
  };
}

const COLLECTION_BY_PREFIX: [string, keyof StandInState][] = [
  ['cus_', 'customers'],
  ['prod_', 'products'],
  ['price_', 'prices'],
  ['sub_', 'subscriptions'],
  ['in_', 'invoices'],
  ['cs_', 'checkoutSessions'],
  ['bps_', 'portalSessions'],
  ['pm_', 'paymentMethods'],
  ['evt_', 'events'],
];

function findById(state: StandInState, id: string): unknown {
  for (const [prefix, collection] of COLLECTION_BY_PREFIX) {
    if (id.startsWith(prefix)) return (state[collection] as Record<string, unknown>)[id];
  }
  return undefined;
}

const MAX_EXPAND_DEPTH = 4;

/** Returns a copy of `object` with each dotted `expand` path's ids replaced by the objects. */
export function expandObject<T>(state: StandInState, object: T, paths: string[]): T {
  const copy = structuredClone(object);
  for (const path of paths) {
    const segments = path.split('.');
    if (segments.length > MAX_EXPAND_DEPTH) {
      throw invalidRequest(
        `You cannot expand more than ${MAX_EXPAND_DEPTH} levels of a property. Property: ${path}`,
        'expand',
      );
    }
    expandPath(state, copy, segments, path);
  }
  return copy;
}

function expandPath(state: StandInState, node: unknown, segments: string[], path: string): void {
  const cannotExpand = () => invalidRequest(`This property cannot be expanded (${path}).`, 'expand');
  if (Array.isArray(node)) {
    for (const element of node) expandPath(state, element, segments, path);
    return;
  }
  if (node === null || typeof node !== 'object') throw cannotExpand();
  const [head, ...rest] = segments;
  const record = node as Record<string, unknown>;
  if (head === undefined || !(head in record)) throw cannotExpand();
  let value = record[head];
  if (value === null) return;
  if (typeof value === 'string') {
    const found = findById(state, value);
    if (found === undefined) throw cannotExpand();
    value = structuredClone(found);
    record[head] = value;
  } else if (typeof value !== 'object') {
    throw cannotExpand();
  }
  if (rest.length > 0) expandPath(state, value, rest, path);
}
