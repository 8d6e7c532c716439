/**
 * Subscriptions: created by a paid checkout, changed through the API or the
 * portal page, renewed and cancelled by the billing cycle. Since API
 * 2025-03-31.basil the current period lives on each subscription item.
 *
 * Simplification: price changes take effect at once without proration
 * invoice items; a change of billing interval restarts the period and bills the
 * new price immediately (as Stripe does when the interval changes).
 */
import { isEndedStatus } from '../../../lib/billing/subscription-status';
import { addInterval } from '../clock';
import { previousAttributes, type StandInContext } from '../context';
import { invalidRequest, missingParam } from '../errors';
import type { FormParams } from '../form';
import { paginate } from '../list';
import type {
  ListObject,
  PriceObject,
  SubscriptionItemObject,
  SubscriptionObject,
} from '../objects';
import {
  matchesRange,
  mergeMetadata,
  readBoolean,
  readInteger,
  readObject,
  readObjectArray,
  readString,
  rejectUnknownParams,
} from '../params';
import { newestFirst, newId } from '../store';
import { attemptInvoicePayment, buildSubscriptionInvoice, finalizeInvoice } from './invoices';
import { findPrice, findSubscription } from './lookup';
import { attachPaymentMethod, chargeSucceeds } from './payment-methods';
import { checkReferences } from './references';

const UPDATE_PARAMS = [
  'add_invoice_items', 'application_fee_percent', 'automatic_tax', 'billing_cycle_anchor', 'billing_schedules',
  'billing_thresholds', 'cancel_at', 'cancel_at_period_end', 'cancellation_details', 'collection_method',
  'days_until_due', 'default_payment_method', 'default_source', 'default_tax_rates', 'description', 'discounts',
  'invoice_settings', 'items', 'metadata', 'off_session', 'on_behalf_of', 'pause_collection', 'payment_behavior',
  'payment_settings', 'pending_invoice_item_interval', 'proration_behavior', 'proration_date', 'transfer_data',
  'trial_end', 'trial_from_plan', 'trial_settings',
];
const UPDATE_REFERENCES = {
  default_payment_method: 'PaymentMethod',
  default_source: 'source',
  'default_tax_rates[]': 'tax rate',
  'discounts[].coupon': 'coupon',
  'discounts[].promotion_code': 'promotion code',
  'items[].price': 'price',
  'items[].tax_rates[]': 'tax rate',
  'items[].discounts[].coupon': 'coupon',
  'items[].discounts[].promotion_code': 'promotion code',
  'add_invoice_items[].price': 'price',
  'add_invoice_items[].tax_rates[]': 'tax rate',
  'add_invoice_items[].discounts[].coupon': 'coupon',
  on_behalf_of: 'account',
  'transfer_data.destination': 'account',
} as const;
const CANCEL_PARAMS = ['cancellation_details', 'invoice_now', 'prorate'];
export function isEnded(subscription: SubscriptionObject): boolean {
  return isEndedStatus(subscription.status);
}

export function currentPeriod(subscription: SubscriptionObject): { start: number; end: number } {
  const first = subscription.items.data[0];
  return { start: first?.current_period_start ?? subscription.created, end: first?.current_period_end ?? subscription.created };
}

export function paymentMethodFor(ctx: StandInContext, subscription: SubscriptionObject): string | null {
  if (subscription.default_payment_method) return subscription.default_payment_method;
  const customer = ctx.state.customers[subscription.customer];
  if (!customer || customer.deleted) return null;
  return customer.invoice_settings.default_payment_method ?? (typeof customer.default_source === 'string' ? customer.default_source : null);
}

function planFromPrice(price: PriceObject): Record<string, unknown> {
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount === null ? null : String(price.unit_amount),
    billing_scheme: 'per_unit',
    created: price.created,
    currency: price.currency,
    interval: price.recurring?.interval ?? 'month',
    interval_count: price.recurring?.interval_count ?? 1,
    livemode: false,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: price.recurring?.trial_period_days ?? null,
    usage_type: price.recurring?.usage_type ?? 'licensed',
  };
}

function buildItem(
  ctx: StandInContext,
  subscriptionId: string,
  price: PriceObject,
  quantity: number,
  period: { start: number; end: number },
): SubscriptionItemObject {
  return {
    id: newId('si_', 14),
    object: 'subscription_item',
    billing_thresholds: null,
    created: ctx.clock.now(),
    current_period_end: period.end,
    current_period_start: period.start,
    current_trial: null,
    discounts: [],
    metadata: {},
    plan: planFromPrice(price),
    price: structuredClone(price),
    quantity,
    subscription: subscriptionId,
    tax_rates: [],
  };
}

function setItemPrice(item: SubscriptionItemObject, price: PriceObject): void {
  item.price = structuredClone(price);
  item.plan = planFromPrice(price);
}

export function nextPeriodEnd(price: PriceObject, start: number): number {
  return addInterval(start, price.recurring?.interval ?? 'month', price.recurring?.interval_count ?? 1);
}

/** Builds and stores a subscription; the caller bills it and sends `customer.subscription.created`. */
export function newSubscription(
  ctx: StandInContext,
  input: {
    customer: string;
    lineItems: { price: PriceObject; quantity: number }[];
    metadata: Record<string, string>;
    trialEnd: number | null;
    defaultPaymentMethod: string | null;
    description: string | null;
  },
): SubscriptionObject {
  const now = ctx.clock.now();
  const id = newId('sub_');
  const firstPrice = input.lineItems[0]?.price;
  if (!firstPrice) throw missingParam('items');
  const period = { start: now, end: input.trialEnd ?? nextPeriodEnd(firstPrice, now) };
  const items = input.lineItems.map((line) => buildItem(ctx, id, line.price, line.quantity, period));
  const subscription: SubscriptionObject = {
    id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: input.trialEnd ?? now,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic' },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, reason: null },
    collection_method: 'charge_automatically',
    created: now,
    currency: firstPrice.currency,
    customer: input.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: input.defaultPaymentMethod,
    default_source: null,
    default_tax_rates: [],
    description: input.description,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, issuer: { type: 'self' } },
    items: { object: 'list', data: items, has_more: false, total_count: items.length, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: input.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: 'off' },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: input.trialEnd ? 'trialing' : 'incomplete',
    test_clock: null,
    transfer_data: null,
    trial_end: input.trialEnd,
    trial_settings: { end_behavior: { missing_payment_method: 'create_invoice' } },
    trial_start: input.trialEnd ? now : null,
  };
  ctx.state.subscriptions[id] = subscription;
  return subscription;
}

/** The first invoice of a new subscription, paid with the card just entered, and the events around it. */
export function startSubscription(ctx: StandInContext, subscription: SubscriptionObject): void {
  const period = currentPeriod(subscription);
  const isTrial = subscription.status === 'trialing';
  const invoice = buildSubscriptionInvoice(ctx, subscription, 'subscription_create', { isTrial, billedPeriod: period });
  subscription.latest_invoice = invoice.id;
  ctx.emit('customer.subscription.created', subscription);
  ctx.emit('invoice.created', invoice);
  finalizeInvoice(ctx, invoice);
  attemptInvoicePayment(ctx, invoice, true);
  if (subscription.status === 'incomplete') {
    const before = structuredClone(subscription);
    subscription.status = 'active';
    ctx.emit('customer.subscription.updated', subscription, previousAttributes(before, subscription));
  }
}

export function cancelSubscriptionNow(
  ctx: StandInContext,
  subscription: SubscriptionObject,
  reason: 'cancellation_requested' | 'payment_failed',
  endedAt = ctx.clock.now(),
): void {
  subscription.status = 'canceled';
  subscription.ended_at = endedAt;
  subscription.canceled_at = subscription.canceled_at ?? endedAt;
  subscription.cancellation_details.reason = reason;
  // Stripe stops collecting a cancelled subscription's open invoices.
  for (const invoice of Object.values(ctx.state.invoices)) {
    if (invoice.parent.subscription_details.subscription === subscription.id && invoice.status === 'open') {
      invoice.next_payment_attempt = null;
    }
  }
  ctx.emit('customer.subscription.deleted', subscription);
}

export function setCancelAtPeriodEnd(ctx: StandInContext, subscription: SubscriptionObject, cancel: boolean): void {
  subscription.cancel_at_period_end = cancel;
  if (cancel) {
    subscription.cancel_at = currentPeriod(subscription).end;
    subscription.canceled_at = ctx.clock.now();
    subscription.cancellation_details.reason = 'cancellation_requested';
  } else {
    subscription.cancel_at = null;
    subscription.canceled_at = null;
    subscription.cancellation_details = { comment: null, feedback: null, reason: null };
  }
}

interface ItemChange {
  id?: string;
  price?: string;
  quantity?: number;
  deleted?: boolean;
}

/** Applies item changes; returns true when the billing interval changed. */
export function changeItems(ctx: StandInContext, subscription: SubscriptionObject, changes: ItemChange[]): boolean {
  const intervalOf = (price: PriceObject) => `${price.recurring?.interval}/${price.recurring?.interval_count}`;
  const firstPrice = subscription.items.data[0]?.price;
  const intervalBefore = firstPrice ? intervalOf(firstPrice) : '';
  const period = currentPeriod(subscription);
  changes.forEach((change, index) => {
    const param = (field: string) => `items[${index}][${field}]`;
    const price = change.price ? findPrice(ctx, change.price, param('price')) : undefined;
    if (price && price.type !== 'recurring') {
      throw invalidRequest(`The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`, param('price'));
    }
    if (price && price.currency !== subscription.currency) {
      throw invalidRequest(`The price specified has currency ${price.currency}, but this subscription is in ${subscription.currency}.`, param('price'));
    }
    if (change.id) {
      const item = subscription.items.data.find((candidate) => candidate.id === change.id);
      if (!item) throw invalidRequest(`Invalid subscription_item id: ${change.id}`, param('id'), 'resource_missing');
      if (change.deleted) {
        subscription.items.data = subscription.items.data.filter((candidate) => candidate !== item);
        return;
      }
      if (price) setItemPrice(item, price);
      if (change.quantity !== undefined) item.quantity = change.quantity;
      return;
    }
    if (!price) throw missingParam(param('price'));
    subscription.items.data.push(buildItem(ctx, subscription.id, price, change.quantity ?? 1, period));
  });
  if (subscription.items.data.length === 0) {
    throw invalidRequest('A subscription must have at least one item.', 'items');
  }
  const intervals = new Set(subscription.items.data.map((item) => intervalOf(item.price)));
  if (intervals.size > 1) {
    throw invalidRequest('All prices on a subscription must have the same `recurring.interval` and `recurring.interval_count`.', 'items');
  }
  subscription.items.total_count = subscription.items.data.length;
  const intervalAfter = [...intervals][0] ?? '';
  return intervalAfter !== intervalBefore;
}

/** After an interval change an active subscription starts a new period and is billed for it now. */
export function restartPeriodAndBill(ctx: StandInContext, subscription: SubscriptionObject): void {
  const now = ctx.clock.now();
  const firstPrice = subscription.items.data[0]?.price;
  if (!firstPrice) return;
  const period = { start: now, end: nextPeriodEnd(firstPrice, now) };
  for (const item of subscription.items.data) {
    item.current_period_start = period.start;
    item.current_period_end = period.end;
  }
  subscription.billing_cycle_anchor = now;
  if (subscription.cancel_at_period_end) subscription.cancel_at = period.end;
  if (subscription.status === 'trialing') return;
  const invoice = buildSubscriptionInvoice(ctx, subscription, 'subscription_update', { isTrial: false, billedPeriod: period });
  subscription.latest_invoice = invoice.id;
  ctx.emit('invoice.created', invoice);
  finalizeInvoice(ctx, invoice);
  const paid = attemptInvoicePayment(ctx, invoice, chargeSucceeds(ctx, paymentMethodFor(ctx, subscription)));
  subscription.status = paid ? (subscription.status === 'past_due' ? 'active' : subscription.status) : 'past_due';
}

/** Emits `customer.subscription.updated` with `previous_attributes` if anything changed. */
export function announceChange(ctx: StandInContext, subscription: SubscriptionObject, before: SubscriptionObject): void {
  const changes = previousAttributes(before, subscription);
  if (Object.keys(changes).length > 0) ctx.emit('customer.subscription.updated', subscription, changes);
  else ctx.store.save();
}

function readItemChanges(params: FormParams): ItemChange[] | undefined {
  return readObjectArray(params, 'items')?.map((item, index) => {
    const name = (field: string) => `items[${index}][${field}]`;
    const id = readString(item, 'id', name('id'));
    const price = readString(item, 'price', name('price'));
    const quantity = readInteger(item, 'quantity', name('quantity'));
    const deleted = readBoolean(item, 'deleted', name('deleted'));
    return {
      ...(id ? { id } : {}),
      ...(price ? { price } : {}),
      ...(quantity !== undefined ? { quantity } : {}),
      ...(deleted !== undefined ? { deleted } : {}),
    };
  });
}

export function retrieveSubscription(ctx: StandInContext, id: string): SubscriptionObject {
  return findSubscription(ctx, id);
}

export function updateSubscription(ctx: StandInContext, id: string, params: FormParams): SubscriptionObject {
  rejectUnknownParams(params, UPDATE_PARAMS);
  const subscription = findSubscription(ctx, id);
  checkReferences(ctx, params, UPDATE_REFERENCES);
  if (isEnded(subscription)) {
    const onlyMetadata = Object.keys(params).every((key) => ['metadata', 'cancellation_details', 'expand'].includes(key));
    if (!onlyMetadata) {
      throw invalidRequest('A canceled subscription can only update its cancellation_details and metadata.');
    }
  }
  const before = structuredClone(subscription);
  const itemChanges = readItemChanges(params);
  const intervalChanged = itemChanges ? changeItems(ctx, subscription, itemChanges) : false;
  const cancelAtPeriodEnd = readBoolean(params, 'cancel_at_period_end');
  if (cancelAtPeriodEnd !== undefined) setCancelAtPeriodEnd(ctx, subscription, cancelAtPeriodEnd);
  const cancelAt = readString(params, 'cancel_at');
  if (cancelAt !== undefined) {
    if (cancelAt === '') {
      setCancelAtPeriodEnd(ctx, subscription, false);
    } else {
      const moment = cancelAt === 'min_period_end' || cancelAt === 'max_period_end' ? currentPeriod(subscription).end : Number(cancelAt);
      if (!Number.isInteger(moment)) throw invalidRequest(`Invalid integer: ${cancelAt}`, 'cancel_at', 'parameter_invalid_integer');
      if (moment <= ctx.clock.now()) throw invalidRequest('cancel_at must be in the future.', 'cancel_at');
      subscription.cancel_at = moment;
      subscription.cancel_at_period_end = moment === currentPeriod(subscription).end;
      subscription.canceled_at = ctx.clock.now();
      subscription.cancellation_details.reason = 'cancellation_requested';
    }
  }
  const details = readObject(params, 'cancellation_details');
  if (details) {
    const comment = readString(details, 'comment', 'cancellation_details[comment]');
    const feedback = readString(details, 'feedback', 'cancellation_details[feedback]');
    if (comment !== undefined) subscription.cancellation_details.comment = comment || null;
    if (feedback !== undefined) subscription.cancellation_details.feedback = feedback || null;
  }
  subscription.metadata = mergeMetadata(subscription.metadata, params);
  const description = readString(params, 'description');
  if (description !== undefined) subscription.description = description || null;
  const defaultPaymentMethod = readString(params, 'default_payment_method');
  if (defaultPaymentMethod !== undefined) {
    if (defaultPaymentMethod) attachPaymentMethod(ctx, defaultPaymentMethod, subscription.customer, 'default_payment_method');
    subscription.default_payment_method = defaultPaymentMethod || null;
  }
  if (intervalChanged) restartPeriodAndBill(ctx, subscription);
  announceChange(ctx, subscription, before);
  return subscription;
}

export function cancelSubscription(ctx: StandInContext, id: string, params: FormParams): SubscriptionObject {
  rejectUnknownParams(params, CANCEL_PARAMS);
  const subscription = findSubscription(ctx, id);
  if (isEnded(subscription)) {
    throw invalidRequest(`This subscription has already been canceled.`, 'id');
  }
  const details = readObject(params, 'cancellation_details');
  if (details) {
    subscription.cancellation_details.comment = readString(details, 'comment') || null;
    subscription.cancellation_details.feedback = readString(details, 'feedback') || null;
  }
  subscription.canceled_at = ctx.clock.now();
  cancelSubscriptionNow(ctx, subscription, 'cancellation_requested');
  return subscription;
}

export function listSubscriptions(ctx: StandInContext, params: FormParams): ListObject<SubscriptionObject> {
  // A list filtered by a customer that never existed is refused, as at Stripe; other filters just match nothing.
  checkReferences(ctx, params, { customer: 'customer' });
  const customer = readString(params, 'customer');
  const price = readString(params, 'price') ?? readString(params, 'plan');
  const status = readString(params, 'status');
  const statusMatches = (subscription: SubscriptionObject) => {
    if (status === undefined) return !isEnded(subscription);
    if (status === 'all') return true;
    if (status === 'ended') return isEnded(subscription);
    return subscription.status === status;
  };
  const subscriptions = newestFirst(ctx.state.subscriptions).filter(
    (subscription) =>
      (customer === undefined || subscription.customer === customer) &&
      (price === undefined || subscription.items.data.some((item) => item.price.id === price)) &&
      statusMatches(subscription) &&
      matchesRange(subscription.created, params, 'created'),
  );
  return paginate(subscriptions, params, '/v1/subscriptions');
}
