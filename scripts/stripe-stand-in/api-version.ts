/**
 * API versions. The stand-in stores objects in the shapes of the version the
 * installed `stripe` package pins (`Stripe.API_VERSION`, also the "account
 * default" when a request sends no `Stripe-Version`), and can render them in
 * one older version: the last one before `2025-03-31.basil`, where a
 * subscription still had its own `current_period_*` and an invoice named its
 * subscription at the top level. That is the change founders' older code
 * trips over.
 *
 * Like Stripe, a `Stripe-Version` that is no Stripe version is refused (400
 * "Invalid Stripe API version: …"); a real version the stand-in cannot render
 * is refused too, with a message naming the versions it serves, rather than
 * answered in shapes that version never had.
 */
import Stripe from 'stripe';

import { StripeApiError } from './errors';

export const API_VERSION: string = Stripe.API_VERSION;
/** The last version before basil moved billing periods onto subscription items. */
export const PRE_BASIL_API_VERSION = '2025-02-24.acacia';
export const SERVED_API_VERSIONS: readonly string[] = [API_VERSION, PRE_BASIL_API_VERSION];

/** Named releases (`2024-09-30.acacia` onward) carry a name; dated ones before did not. */
const FIRST_NAMED_RELEASE = '2024-09-30';
const FIRST_VERSION = '2011-01-01';

function looksLikeStripeVersion(version: string): boolean {
  const match = /^(\d{4}-\d{2}-\d{2})(?:\.([a-z]+))?$/.exec(version);
  if (!match) return false;
  const [, date = '', name] = match;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) return false;
  const newest = API_VERSION.slice(0, 10);
  if (date < FIRST_VERSION || date > newest) return false;
  return date >= FIRST_NAMED_RELEASE ? name !== undefined : name === undefined;
}

/** The version a request is answered in; throws Stripe's 400 for versions it will not serve. */
export function resolveApiVersion(header: string | undefined): string {
  const version = header?.trim();
  if (!version) return API_VERSION;
  if (SERVED_API_VERSIONS.includes(version)) return version;
  if (!looksLikeStripeVersion(version)) {
    throw new StripeApiError(400, { type: 'invalid_request_error', message: `Invalid Stripe API version: ${version}` });
  }
  throw new StripeApiError(400, { type: 'invalid_request_error', message: unservedVersionMessage(version) });
}

export function unservedVersionMessage(version: string): string {
  return (
    `The local Stripe stand-in does not reproduce API version ${version}. ` +
    `It answers in ${SERVED_API_VERSIONS.join(' or ')}; send one of those as Stripe-Version ` +
    `(the stripe package sends ${API_VERSION} unless given apiVersion).`
  );
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A copy of `value` as `version` renders it. Events are left as they are:
 * Stripe renders an event's data in the version it was created with, except
 * on delivery to an endpoint (see `renderEventForEndpoint`).
 */
export function renderForVersion<T>(value: T, version: string): T {
  if (version === API_VERSION) return value;
  return walk(structuredClone(value)) as T;
}

/** An event as delivered to an endpoint pinned to `version`: its data in that version's shapes. */
export function renderEventForEndpoint<T extends { api_version: string; data: { object: unknown; previous_attributes?: Json } }>(
  event: T,
  version: string,
): T {
  if (version === API_VERSION) return event;
  const copy = structuredClone(event);
  copy.api_version = version;
  const object = copy.data.object;
  copy.data.object = walk(object);
  const previous = copy.data.previous_attributes;
  if (previous && isRecord(object) && object['object'] === 'subscription') {
    copy.data.previous_attributes = toPreBasilSubscriptionChanges(previous);
  }
  return copy;
}

function walk(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(walk);
  if (!isRecord(node)) return node;
  if (node['object'] === 'event') return node;
  if (node['object'] === 'subscription') toPreBasilSubscription(node);
  if (node['object'] === 'invoice') toPreBasilInvoice(node);
  if (node['object'] === 'line_item') toPreBasilInvoiceLine(node);
  for (const [key, child] of Object.entries(node)) node[key] = walk(child);
  if (node['object'] === 'subscription_item') {
    delete node['current_period_start'];
    delete node['current_period_end'];
  }
  return node;
}

function firstItem(items: unknown): Json | undefined {
  const data = isRecord(items) ? items['data'] : undefined;
  return Array.isArray(data) && isRecord(data[0]) ? data[0] : undefined;
}

function toPreBasilSubscription(subscription: Json): void {
  const item = firstItem(subscription['items']);
  subscription['current_period_start'] = item?.['current_period_start'] ?? null;
  subscription['current_period_end'] = item?.['current_period_end'] ?? null;
}

/** A period change on the items was a change of the subscription's own period before basil. */
function toPreBasilSubscriptionChanges(previous: Json): Json {
  const changes = walk(structuredClone(previous)) as Json;
  const item = firstItem(previous['items']);
  if (item && 'current_period_start' in item) {
    changes['current_period_start'] = item['current_period_start'];
    changes['current_period_end'] = item['current_period_end'];
  }
  return changes;
}

function toPreBasilInvoice(invoice: Json): void {
  const parent = isRecord(invoice['parent']) ? invoice['parent'] : null;
  const details = parent && isRecord(parent['subscription_details']) ? parent['subscription_details'] : null;
  invoice['subscription'] = details?.['subscription'] ?? null;
  invoice['subscription_details'] = details ? { metadata: details['metadata'] ?? {} } : null;
  invoice['quote'] = null;
  delete invoice['parent'];
}

function toPreBasilInvoiceLine(line: Json): void {
  const parent = isRecord(line['parent']) ? line['parent'] : null;
  const details = parent && isRecord(parent['subscription_item_details']) ? parent['subscription_item_details'] : null;
  line['type'] = details ? 'subscription' : 'invoiceitem';
  line['subscription'] = details?.['subscription'] ?? line['subscription'] ?? null;
  line['subscription_item'] = details?.['subscription_item'] ?? null;
  line['invoice_item'] = details?.['invoice_item'] ?? null;
  line['proration'] = details?.['proration'] ?? false;
  line['proration_details'] = details?.['proration_details'] ?? { credited_items: null };
  delete line['parent'];
}
