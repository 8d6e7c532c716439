/**
 * Subscription invoices: built, finalized and paid (or failed) the way Stripe
 * moves them, each step with its event. Invoice line periods cover the period
 * being billed; since API 2025-03-31.basil an invoice names its subscription
 * under `parent.subscription_details`, not at the top level.
 */
import type { StandInContext } from '../context';
import type { FormParams } from '../form';
import { paginate } from '../list';
import type { InvoiceLineObject, InvoiceObject, ListObject, SubscriptionObject } from '../objects';
import { matchesRange, readString } from '../params';
import { newestFirst, newId } from '../store';
import { findInvoice } from './lookup';
import { checkReferences } from './references';

/** Days until the next automatic retry after attempt 1, 2, 3; after the 4th failure collection stops. */
export const PAYMENT_RETRY_DAYS = [3, 5, 7];

function formatAmount(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);
}

export function buildSubscriptionInvoice(
  ctx: StandInContext,
  subscription: SubscriptionObject,
  reason: InvoiceObject['billing_reason'],
  options: { isTrial: boolean; billedPeriod: { start: number; end: number } },
): InvoiceObject {
  const now = ctx.clock.now();
  const id = newId('in_');
  const lines: InvoiceLineObject[] = subscription.items.data.map((item) => {
    const productName = ctx.state.products[item.price.product]?.name ?? item.price.product;
    const unitAmount = options.isTrial ? 0 : (item.price.unit_amount ?? 0);
    const amount = unitAmount * item.quantity;
    const interval = item.price.recurring?.interval ?? 'month';
    return {
      id: newId('il_'),
      object: 'line_item',
      amount,
      currency: item.price.currency,
      description: options.isTrial
        ? `Trial period for ${productName}`
        : `${item.quantity} × ${productName} (at ${formatAmount(item.price.unit_amount ?? 0, item.price.currency)} / ${interval})`,
      discount_amounts: [],
      discountable: true,
      discounts: [],
      invoice: id,
      livemode: false,
      metadata: {},
      parent: {
        type: 'subscription_item_details',
        invoice_item_details: null,
        subscription_item_details: {
          invoice_item: null,
          proration: false,
          proration_details: { credited_items: null },
          subscription: subscription.id,
          subscription_item: item.id,
        },
      },
      period: { start: options.billedPeriod.start, end: options.billedPeriod.end },
      pretax_credit_amounts: [],
      pricing: {
        type: 'price_details',
        price_details: { price: item.price.id, product: item.price.product },
        unit_amount_decimal: String(unitAmount),
      },
      quantity: item.quantity,
      quantity_decimal: String(item.quantity),
      subscription: subscription.id,
      subtotal: amount,
      taxes: [],
    };
  });
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  const customer = ctx.state.customers[subscription.customer];
  const liveCustomer = customer && !customer.deleted ? customer : null;
  const invoice: InvoiceObject = {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Tenantry (local Stripe stand-in)',
    account_tax_ids: null,
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: total,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: reason,
    collection_method: 'charge_automatically',
    created: now,
    currency: subscription.currency,
    custom_fields: null,
    customer: subscription.customer,
    customer_account: null,
    customer_address: null,
    customer_email: liveCustomer?.email ?? null,
    customer_name: liveCustomer?.name ?? null,
    customer_phone: liveCustomer?.phone ?? null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: 'list', data: lines, has_more: false, total_count: lines.length, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: {
      type: 'subscription_details',
      quote_details: null,
      subscription_details: { subscription: subscription.id, metadata: structuredClone(subscription.metadata) },
    },
    // Stripe's quirk: a subscription invoice's own period is the one *before* its lines' period.
    period_end: reason === 'subscription_cycle' ? options.billedPeriod.start : now,
    period_start: reason === 'subscription_cycle' ? subscription.items.data[0]?.current_period_start ?? now : now,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
  ctx.state.invoices[id] = invoice;
  return invoice;
}

export function finalizeInvoice(ctx: StandInContext, invoice: InvoiceObject): void {
  ctx.state.invoiceSequence += 1;
  invoice.status = 'open';
  invoice.number = `STANDIN-${String(ctx.state.invoiceSequence).padStart(4, '0')}`;
  invoice.status_transitions.finalized_at = ctx.clock.now();
  invoice.effective_at = ctx.clock.now();
  invoice.hosted_invoice_url = `${ctx.baseUrl}/invoice/${invoice.id}`;
  ctx.emit('invoice.finalized', invoice);
}

/**
 * One payment attempt. `succeeds` is decided by the caller: the hosted checkout
 * page charges the card just entered, renewals charge the saved card.
 */
export function attemptInvoicePayment(ctx: StandInContext, invoice: InvoiceObject, succeeds: boolean): boolean {
  const now = ctx.clock.now();
  invoice.attempted = true;
  if (invoice.amount_due === 0 || succeeds) {
    if (invoice.amount_due > 0) invoice.attempt_count += 1;
    invoice.status = 'paid';
    invoice.amount_paid = invoice.amount_due;
    invoice.amount_remaining = 0;
    invoice.next_payment_attempt = null;
    invoice.status_transitions.paid_at = now;
    ctx.emit('invoice.paid', invoice);
    ctx.emit('invoice.payment_succeeded', invoice);
    return true;
  }
  invoice.attempt_count += 1;
  const retryDays = PAYMENT_RETRY_DAYS[invoice.attempt_count - 1];
  invoice.next_payment_attempt = retryDays === undefined ? null : now + retryDays * 86_400;
  ctx.emit('invoice.payment_failed', invoice);
  return false;
}

export function subscriptionOfInvoice(invoice: InvoiceObject): string {
  return invoice.parent.subscription_details.subscription;
}

export function retrieveInvoice(ctx: StandInContext, id: string): InvoiceObject {
  return findInvoice(ctx, id);
}

export function listInvoiceLines(ctx: StandInContext, id: string, params: FormParams): ListObject<InvoiceLineObject> {
  const invoice = findInvoice(ctx, id);
  return paginate(invoice.lines.data, params, `/v1/invoices/${id}/lines`);
}

export function listInvoices(ctx: StandInContext, params: FormParams): ListObject<InvoiceObject> {
  checkReferences(ctx, params, { customer: 'customer' });
  const customer = readString(params, 'customer');
  const subscription = readString(params, 'subscription');
  const status = readString(params, 'status');
  const invoices = newestFirst(ctx.state.invoices).filter(
    (invoice) =>
      (customer === undefined || invoice.customer === customer) &&
      (subscription === undefined || subscriptionOfInvoice(invoice) === subscription) &&
      (status === undefined || invoice.status === status) &&
      matchesRange(invoice.created, params, 'created'),
  );
  return paginate(invoices, params, '/v1/invoices');
}
