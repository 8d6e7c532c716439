/**
 * The Stripe object shapes the stand-in stores and returns, for the API version
 * the installed `stripe` package pins. Only the fields the stand-in reads or
 * changes are typed; the rest of each shape is filled in by its builder.
 */
import type Stripe from 'stripe';
import type { Metadata } from './params';

type Extra = { [key: string]: unknown };

export interface ListObject<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  total_count?: number;
  url: string;
}

export interface ProductObject extends Extra {
  id: string;
  object: 'product';
  active: boolean;
  name: string;
  description: string | null;
  default_price: string | null;
  metadata: Metadata;
  created: number;
  updated: number;
}

export interface RecurringObject {
  interval: 'day' | 'week' | 'month' | 'year';
  interval_count: number;
  usage_type: 'licensed' | 'metered';
  meter: null;
  trial_period_days: number | null;
}

export interface PriceObject extends Extra {
  id: string;
  object: 'price';
  active: boolean;
  currency: string;
  unit_amount: number | null;
  product: string;
  type: 'recurring' | 'one_time';
  recurring: RecurringObject | null;
  lookup_key: string | null;
  nickname: string | null;
  metadata: Metadata;
  created: number;
}

export interface CustomerObject extends Extra {
  id: string;
  object: 'customer';
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  metadata: Metadata;
  created: number;
  invoice_settings: { custom_fields: null; default_payment_method: string | null; footer: null; rendering_options: null };
  deleted?: undefined;
}

export interface DeletedObject {
  id: string;
  object: string;
  deleted: true;
}

export interface PaymentMethodObject extends Extra {
  id: string;
  object: 'payment_method';
  type: 'card';
  customer: string | null;
  card: { brand: string; last4: string; exp_month: number; exp_year: number; funding: 'credit'; country: 'US' } & Extra;
  created: number;
}

export interface CheckoutSessionObject extends Extra {
  id: string;
  object: 'checkout.session';
  mode: 'subscription';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'paid' | 'unpaid' | 'no_payment_required';
  url: string | null;
  client_reference_id: string | null;
  customer: string | null;
  customer_email: string | null;
  customer_details: { email: string | null; name: string | null } & Extra | null;
  subscription: string | null;
  invoice: string | null;
  metadata: Metadata;
  success_url: string | null;
  cancel_url: string | null;
  created: number;
  expires_at: number;
  amount_subtotal: number;
  amount_total: number;
  currency: string;
}

/** A Checkout line item (`GET /v1/checkout/sessions/:id/line_items`, or `expand[]=line_items`). */
export interface LineItemObject extends Extra {
  id: string;
  object: 'item';
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  price: PriceObject;
  quantity: number;
}

export interface CheckoutSessionPlan {
  line_items: { price: string; quantity: number }[];
  subscription_metadata: Metadata;
  trial_period_days: number | null;
  trial_end: number | null;
  description: string | null;
}

export interface PortalSessionObject extends Extra {
  id: string;
  object: 'billing_portal.session';
  customer: string;
  url: string;
  return_url: string | null;
  created: number;
}

export interface SubscriptionItemObject extends Extra {
  id: string;
  object: 'subscription_item';
  price: PriceObject;
  quantity: number;
  subscription: string;
  current_period_start: number;
  current_period_end: number;
  created: number;
  metadata: Metadata;
}

export type SubscriptionStatus = Stripe.Subscription.Status;

export interface SubscriptionObject extends Extra {
  id: string;
  object: 'subscription';
  customer: string;
  status: SubscriptionStatus;
  items: ListObject<SubscriptionItemObject>;
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  cancellation_details: { comment: string | null; feedback: string | null; reason: string | null };
  ended_at: number | null;
  trial_start: number | null;
  trial_end: number | null;
  start_date: number;
  created: number;
  billing_cycle_anchor: number;
  currency: string;
  default_payment_method: string | null;
  latest_invoice: string | null;
  metadata: Metadata;
}

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';

export interface InvoiceLineObject extends Extra {
  id: string;
  object: 'line_item';
  amount: number;
  currency: string;
  description: string;
  quantity: number;
  period: { start: number; end: number };
}

export interface InvoiceObject extends Extra {
  id: string;
  object: 'invoice';
  status: InvoiceStatus;
  customer: string;
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  attempt_count: number;
  number: string | null;
  attempted: boolean;
  next_payment_attempt: number | null;
  /** Set on a renewal draft: when it will be finalized and charged. */
  automatically_finalizes_at: number | null;
  billing_reason: 'subscription_create' | 'subscription_cycle' | 'subscription_update' | 'manual';
  currency: string;
  created: number;
  lines: ListObject<InvoiceLineObject>;
  parent: {
    type: 'subscription_details';
    quote_details: null;
    subscription_details: { subscription: string; metadata: Metadata };
  };
  status_transitions: { finalized_at: number | null; paid_at: number | null; voided_at: number | null; marked_uncollectible_at: number | null };
  hosted_invoice_url: string | null;
}

export interface EventObject {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: unknown; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null } | null;
  type: string;
}
