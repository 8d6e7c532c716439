/**
 * Checkout Sessions in `subscription` mode. Creating one returns the URL of the
 * stand-in's hosted checkout page; paying there (`completeCheckoutSession`)
 * creates the customer, the subscription, its first invoice, and the events
 * Stripe sends for all of that.
 */
import { createHash } from 'node:crypto';

import type { CardCheck } from '../cards';
import type { StandInContext } from '../context';
import { invalidRequest, missingParam, StripeApiError } from '../errors';
import type { FormParams } from '../form';
import { paginate } from '../list';
import type { CheckoutSessionObject, LineItemObject, ListObject, PriceObject } from '../objects';
import {
  matchesRange,
  mergeMetadata,
  readBoolean,
  readInteger,
  readObject,
  readObjectArray,
  readString,
  readStringArray,
  rejectUnknownParams,
} from '../params';
import { newestFirst, newId } from '../store';
import { createCustomerRecord } from './customers';
import { findCheckoutSession, findLiveCustomer, findPrice } from './lookup';
import { attachPaymentMethod, createCardPaymentMethod } from './payment-methods';
import { newSubscription, startSubscription } from './subscriptions';
import { checkReferences } from './references';

const CREATE_PARAMS = [
  'adaptive_pricing', 'after_expiration', 'allow_promotion_codes', 'allowed_payment_method_types', 'automatic_tax',
  'billing_address_collection', 'branding_settings', 'cancel_url', 'client_reference_id', 'consent_collection',
  'currency', 'custom_fields', 'custom_text', 'customer', 'customer_account', 'customer_creation', 'customer_email',
  'customer_update', 'discounts', 'excluded_payment_method_types', 'expires_at', 'integration_identifier',
  'invoice_creation', 'line_items', 'locale', 'managed_payments', 'metadata', 'mode', 'name_collection',
  'optional_items', 'origin_context', 'payment_intent_data', 'payment_method_collection',
  'payment_method_configuration', 'payment_method_data', 'payment_method_options', 'payment_method_types',
  'permissions', 'phone_number_collection', 'redirect_on_completion', 'return_url', 'saved_payment_method_options',
  'setup_intent_data', 'shipping_address_collection', 'shipping_options', 'submit_type', 'subscription_data',
  'success_url', 'tax_id_collection', 'ui_mode', 'wallet_options',
];
const CREATE_REFERENCES = {
  customer: 'customer',
  'line_items[].price': 'price',
  'line_items[].tax_rates[]': 'tax rate',
  'line_items[].dynamic_tax_rates[]': 'tax rate',
  'discounts[].coupon': 'coupon',
  'discounts[].promotion_code': 'promotion code',
  'shipping_options[].shipping_rate': 'shipping rate',
  payment_method_configuration: 'payment method configuration',
  customer_account: 'customer account',
  'subscription_data.default_tax_rates[]': 'tax rate',
  'subscription_data.on_behalf_of': 'account',
  'subscription_data.transfer_data.destination': 'account',
  'payment_intent_data.on_behalf_of': 'account',
} as const;
const DAY = 86_400;

function readUrl(params: FormParams, key: string): string | null {
  const value = readString(params, key);
  if (value === undefined || value === '') return null;
  // `{CHECKOUT_SESSION_ID}` is a template, not part of a valid URL; check the rest.
  try {
    const url = new URL(value.replaceAll('{CHECKOUT_SESSION_ID}', 'x'));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw invalidRequest('Not a valid URL', key, 'url_invalid');
  }
  return value;
}

export function createCheckoutSession(ctx: StandInContext, params: FormParams): CheckoutSessionObject {
  rejectUnknownParams(params, CREATE_PARAMS);
  checkReferences(ctx, params, CREATE_REFERENCES);
  const mode = readString(params, 'mode') ?? 'payment';
  if (mode !== 'subscription') {
    throw invalidRequest(`The Stripe stand-in supports Checkout only in \`subscription\` mode (got \`${mode}\`).`, 'mode');
  }
  const uiMode = readString(params, 'ui_mode');
  if (uiMode !== undefined && uiMode !== 'hosted') {
    throw invalidRequest('The Stripe stand-in serves only the hosted Checkout page (`ui_mode=hosted`).', 'ui_mode');
  }
  const lineItemParams = readObjectArray(params, 'line_items');
  if (!lineItemParams || lineItemParams.length === 0) throw missingParam('line_items');
  const lineItems = lineItemParams.map((item, index) => {
    const name = (field: string) => `line_items[${index}][${field}]`;
    if (item['price_data'] !== undefined) {
      throw invalidRequest('The Stripe stand-in needs an existing `price` (not `price_data`).', name('price_data'));
    }
    const priceId = readString(item, 'price', name('price'));
    if (!priceId) throw missingParam(name('price'));
    const price = findPrice(ctx, priceId, name('price'));
    if (price.type !== 'recurring') {
      throw invalidRequest('The stand-in accepts only recurring prices in `subscription` mode.', name('price'));
    }
    if (!price.active) {
      throw invalidRequest(`The price \`${price.id}\` is not active.`, name('price'));
    }
    const quantity = readInteger(item, 'quantity', name('quantity')) ?? 1;
    if (quantity < 1) throw invalidRequest('Quantity must be at least 1.', name('quantity'));
    return { price, quantity };
  });
  const currency = lineItems[0]?.price.currency ?? 'usd';
  const customerId = readString(params, 'customer') || null;
  const customerEmail = readString(params, 'customer_email') || null;
  if (customerId && customerEmail) {
    throw invalidRequest('You may only specify one of these parameters: customer, customer_email.', 'customer_email');
  }
  if (customerId) findLiveCustomer(ctx, customerId, 'customer');
  const now = ctx.clock.now();
  const subscriptionData = readObject(params, 'subscription_data') ?? {};
  const trialDays = readInteger(subscriptionData, 'trial_period_days', 'subscription_data[trial_period_days]') ?? null;
  if (trialDays !== null && (trialDays < 1 || trialDays > 730)) {
    throw invalidRequest('subscription_data[trial_period_days] must be between 1 and 730.', 'subscription_data[trial_period_days]');
  }
  const trialEnd = readInteger(subscriptionData, 'trial_end', 'subscription_data[trial_end]') ?? null;
  if (trialEnd !== null && trialEnd < now + 2 * DAY) {
    throw invalidRequest('subscription_data[trial_end] must be at least 48 hours in the future.', 'subscription_data[trial_end]');
  }
  const expiresAt = readInteger(params, 'expires_at') ?? now + DAY;
  if (expiresAt < now + 30 * 60 || expiresAt > now + DAY) {
    throw invalidRequest('The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.', 'expires_at');
  }
  const isTrial = trialDays !== null || trialEnd !== null;
  const amount = lineItems.reduce((sum, item) => sum + (item.price.unit_amount ?? 0) * item.quantity, 0);
  const id = newId('cs_test_', 58);
  const paymentMethodTypes = readStringArray(params, 'allowed_payment_method_types') ??
    readStringArray(params, 'payment_method_types') ?? ['card'];
  const session: CheckoutSessionObject = {
    id,
    object: 'checkout.session',
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: readBoolean(params, 'allow_promotion_codes') ?? null,
    allowed_payment_method_types: paymentMethodTypes,
    amount_subtotal: isTrial ? 0 : amount,
    amount_total: isTrial ? 0 : amount,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: readString(params, 'billing_address_collection') ?? null,
    cancel_url: readUrl(params, 'cancel_url'),
    client_reference_id: readString(params, 'client_reference_id') || null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created: now,
    currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: customerId,
    customer_account: null,
    customer_creation: customerId ? null : 'always',
    customer_details: null,
    customer_email: customerEmail,
    discounts: [],
    expires_at: expiresAt,
    integration_identifier: null,
    invoice: null,
    invoice_creation: null,
    livemode: false,
    locale: readString(params, 'locale') ?? null,
    managed_payments: null,
    metadata: mergeMetadata({}, params),
    mode: 'subscription',
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: 'always',
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: paymentMethodTypes,
    payment_status: 'unpaid',
    permissions: null,
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: null,
    subscription: null,
    success_url: readUrl(params, 'success_url'),
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted',
    url: `${ctx.baseUrl}/checkout/${id}`,
    wallet_options: null,
  };
  ctx.state.checkoutSessions[id] = session;
  ctx.state.checkoutPlans[id] = {
    line_items: lineItems.map((item) => ({ price: item.price.id, quantity: item.quantity })),
    subscription_metadata: mergeMetadata({}, subscriptionData),
    trial_period_days: trialDays,
    trial_end: trialEnd,
    description: readString(subscriptionData, 'description', 'subscription_data[description]') || null,
  };
  ctx.store.save();
  return session;
}

export function retrieveCheckoutSession(ctx: StandInContext, id: string): CheckoutSessionObject {
  return findCheckoutSession(ctx, id);
}

export function expireCheckoutSession(ctx: StandInContext, id: string): CheckoutSessionObject {
  const session = findCheckoutSession(ctx, id);
  if (session.status !== 'open') {
    throw invalidRequest(`Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`);
  }
  session.status = 'expired';
  session.url = null;
  ctx.emit('checkout.session.expired', session);
  return session;
}

export function listCheckoutSessions(ctx: StandInContext, params: FormParams): ListObject<CheckoutSessionObject> {
  checkReferences(ctx, params, { customer: 'customer' });
  const customer = readString(params, 'customer');
  const subscription = readString(params, 'subscription');
  const status = readString(params, 'status');
  const sessions = newestFirst(ctx.state.checkoutSessions).filter(
    (session) =>
      (customer === undefined || session.customer === customer) &&
      (subscription === undefined || session.subscription === subscription) &&
      (status === undefined || session.status === status) &&
      matchesRange(session.created, params, 'created'),
  );
  return paginate(sessions, params, '/v1/checkout/sessions');
}

export function checkoutSessionPrices(ctx: StandInContext, id: string): { price: PriceObject; quantity: number }[] {
  const plan = ctx.state.checkoutPlans[id];
  return (plan?.line_items ?? []).map((item) => ({ price: findPrice(ctx, item.price), quantity: item.quantity }));
}

/** Checkout's line items (`object: 'item'`), with ids that stay the same on every read so pages can follow them. */
export function checkoutLineItems(ctx: StandInContext, session: CheckoutSessionObject): LineItemObject[] {
  return checkoutSessionPrices(ctx, session.id).map(({ price, quantity }, index) => {
    const amount = (price.unit_amount ?? 0) * quantity;
    return {
      id: `li_${createHash('sha256').update(`${session.id}/${index}`).digest('hex').slice(0, 24)}`,
      object: 'item',
      adjustable_quantity: null,
      amount_discount: 0,
      amount_subtotal: amount,
      amount_tax: 0,
      amount_total: amount,
      currency: price.currency,
      description: ctx.state.products[price.product]?.name ?? null,
      metadata: {},
      price: structuredClone(price),
      quantity,
    };
  });
}

export function listCheckoutLineItems(ctx: StandInContext, id: string, params: FormParams): ListObject<LineItemObject> {
  const session = findCheckoutSession(ctx, id);
  return paginate(checkoutLineItems(ctx, session), params, `/v1/checkout/sessions/${id}/line_items`);
}

export function successRedirect(session: CheckoutSessionObject): string | null {
  return session.success_url ? session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id) : null;
}

/** The hosted page's "Subscribe" with a card that passed `checkTestCard`. */
export function completeCheckoutSession(
  ctx: StandInContext,
  session: CheckoutSessionObject,
  payer: { email: string | null; name: string | null; card: Extract<CardCheck, { ok: true }> },
): void {
  if (session.status !== 'open') throw invalidRequest('This Checkout Session is no longer open.');
  const plan = ctx.state.checkoutPlans[session.id];
  if (!plan) throw new StripeApiError(500, { type: 'api_error', message: 'Checkout session plan missing.' });
  const customer = session.customer
    ? findLiveCustomer(ctx, session.customer, 'customer')
    : createCustomerRecord(ctx, { email: payer.email ?? session.customer_email, name: payer.name });
  const paymentMethod = createCardPaymentMethod(ctx, payer.card, payer.name, customer.email);
  attachPaymentMethod(ctx, paymentMethod.id, customer.id, 'payment_method');
  const now = ctx.clock.now();
  const trialEnd = plan.trial_end ?? (plan.trial_period_days !== null ? now + plan.trial_period_days * DAY : null);
  const subscription = newSubscription(ctx, {
    customer: customer.id,
    lineItems: checkoutSessionPrices(ctx, session.id),
    metadata: plan.subscription_metadata,
    trialEnd,
    defaultPaymentMethod: paymentMethod.id,
    description: plan.description,
  });
  startSubscription(ctx, subscription);
  session.status = 'complete';
  session.payment_status = trialEnd !== null ? 'no_payment_required' : 'paid';
  session.customer = customer.id;
  session.customer_details = {
    address: null,
    email: customer.email,
    name: payer.name,
    phone: null,
    tax_exempt: 'none',
    tax_ids: [],
  };
  session.subscription = subscription.id;
  session.invoice = subscription.latest_invoice;
  session.url = null;
  ctx.emit('checkout.session.completed', session);
}
