import { isEndedStatus } from '../../../lib/billing/subscription-status';
import { previousAttributes, type StandInContext } from '../context';
import { invalidRequest, resourceMissing } from '../errors';
import type { FormParams } from '../form';
import { paginate, searchPage, type SearchResult } from '../list';
import type { CustomerObject, DeletedObject, ListObject } from '../objects';
import {
  matchesRange,
  mergeMetadata,
  readObject,
  readString,
  readStringArray,
  rejectUnknownParams,
} from '../params';
import { newestFirst, newId } from '../store';
import { cardFromToken } from './card-tokens';
import { attachPaymentMethod, createCardPaymentMethod } from './payment-methods';
import { cancelSubscriptionNow } from './subscriptions';
import { checkReferences } from './references';

const CREATE_PARAMS = [
  'address', 'balance', 'business_name', 'cash_balance', 'description', 'email', 'individual_name',
  'invoice_prefix', 'invoice_settings', 'metadata', 'name', 'next_invoice_sequence', 'payment_method', 'phone',
  'preferred_locales', 'shipping', 'source', 'tax', 'tax_exempt', 'tax_id_data', 'test_clock', 'validate',
];
const UPDATE_PARAMS = [
  'address', 'balance', 'business_name', 'cash_balance', 'default_source', 'description', 'email',
  'individual_name', 'invoice_prefix', 'invoice_settings', 'metadata', 'name', 'next_invoice_sequence', 'phone',
  'preferred_locales', 'shipping', 'source', 'tax', 'tax_exempt', 'validate',
];

export interface NewCustomerFields {
  email: string | null;
  name: string | null;
  metadata?: Record<string, string>;
  description?: string | null;
  phone?: string | null;
  preferredLocales?: string[];
  defaultPaymentMethod?: string | null;
}

export function createCustomerRecord(ctx: StandInContext, fields: NewCustomerFields): CustomerObject {
  const customer: CustomerObject = {
    id: newId('cus_', 14),
    object: 'customer',
    address: null,
    balance: 0,
    created: ctx.clock.now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: fields.description ?? null,
    discount: null,
    email: fields.email,
    invoice_prefix: newId('', 8).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: fields.defaultPaymentMethod ?? null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: fields.metadata ?? {},
    name: fields.name,
    next_invoice_sequence: 1,
    phone: fields.phone ?? null,
    preferred_locales: fields.preferredLocales ?? [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
  ctx.state.customers[customer.id] = customer;
  ctx.emit('customer.created', customer);
  return customer;
}

export function createCustomer(ctx: StandInContext, params: FormParams): CustomerObject {
  rejectUnknownParams(params, CREATE_PARAMS);
  checkReferences(ctx, params, { test_clock: 'test clock' });
  const paymentMethod = readString(params, 'payment_method') || null;
  const invoiceDefault = readObject(params, 'invoice_settings')?.['default_payment_method'];
  const defaultPaymentMethod = typeof invoiceDefault === 'string' && invoiceDefault ? invoiceDefault : null;
  if (paymentMethod && !ctx.state.paymentMethods[paymentMethod]) {
    throw resourceMissing('PaymentMethod', paymentMethod, 'payment_method');
  }
  if (defaultPaymentMethod && !ctx.state.paymentMethods[defaultPaymentMethod]) {
    throw resourceMissing('PaymentMethod', defaultPaymentMethod, 'invoice_settings[default_payment_method]');
  }
  const sourceToken = readString(params, 'source') || null;
  // A declined card fails the whole request, before the customer exists.
  const sourceCard = sourceToken ? cardFromToken(ctx, sourceToken, 'source') : null;
  const customer = createCustomerRecord(ctx, {
    email: readString(params, 'email') || null,
    name: readString(params, 'name') || null,
    metadata: mergeMetadata({}, params),
    description: readString(params, 'description') || null,
    phone: readString(params, 'phone') || null,
    preferredLocales: readStringArray(params, 'preferred_locales') ?? [],
    defaultPaymentMethod,
  });
  for (const id of new Set([paymentMethod, defaultPaymentMethod])) {
    if (id) attachPaymentMethod(ctx, id, customer.id, 'payment_method');
  }
  if (sourceCard) {
    const before = structuredClone(customer);
    addSourceCard(ctx, customer, sourceCard);
    ctx.emit('customer.updated', customer, previousAttributes(before, customer));
  }
  return customer;
}

/** A tokenized card becomes the customer's default source (a `card_…` id, usable as a payment method). */
function addSourceCard(ctx: StandInContext, customer: CustomerObject, card: ReturnType<typeof cardFromToken>): void {
  const source = createCardPaymentMethod(ctx, card, customer.name, customer.email, 'card_');
  source.customer = customer.id;
  customer.default_source = source.id;
  ctx.emit('customer.source.created', source);
}

export function retrieveCustomer(ctx: StandInContext, id: string): CustomerObject | DeletedObject {
  const customer = ctx.state.customers[id];
  if (!customer) throw resourceMissing('customer', id);
  return customer;
}

export function updateCustomer(ctx: StandInContext, id: string, params: FormParams): CustomerObject {
  rejectUnknownParams(params, UPDATE_PARAMS);
  const customer = ctx.state.customers[id];
  if (!customer || customer.deleted) throw resourceMissing('customer', id);
  checkReferences(ctx, params, { default_source: 'source', 'invoice_settings.default_payment_method': 'PaymentMethod' });
  const sourceToken = readString(params, 'source') || null;
  const sourceCard = sourceToken ? cardFromToken(ctx, sourceToken, 'source') : null;
  const before = structuredClone(customer);
  if (sourceCard) addSourceCard(ctx, customer, sourceCard);
  const defaultSource = readString(params, 'default_source');
  if (defaultSource) {
    if (ctx.state.paymentMethods[defaultSource]?.customer !== customer.id) throw resourceMissing('source', defaultSource, 'default_source');
    customer.default_source = defaultSource;
  }
  for (const field of ['email', 'name', 'description', 'phone'] as const) {
    const value = readString(params, field);
    if (value !== undefined) customer[field] = value || null;
  }
  customer.metadata = mergeMetadata(customer.metadata, params);
  const invoiceSettings = readObject(params, 'invoice_settings');
  const defaultPaymentMethod = invoiceSettings?.['default_payment_method'];
  if (typeof defaultPaymentMethod === 'string') {
    if (defaultPaymentMethod) {
      attachPaymentMethod(ctx, defaultPaymentMethod, customer.id, 'invoice_settings[default_payment_method]');
    }
    customer.invoice_settings.default_payment_method = defaultPaymentMethod || null;
  }
  const changes = previousAttributes(before, customer);
  if (Object.keys(changes).length > 0) ctx.emit('customer.updated', customer, changes);
  return customer;
}

/** Deleting a customer cancels its subscriptions immediately, as at Stripe. */
export function deleteCustomer(ctx: StandInContext, id: string): DeletedObject {
  const customer = ctx.state.customers[id];
  if (!customer || customer.deleted) throw resourceMissing('customer', id);
  for (const subscription of Object.values(ctx.state.subscriptions)) {
    if (subscription.customer === id && !isEndedStatus(subscription.status)) {
      cancelSubscriptionNow(ctx, subscription, 'cancellation_requested');
    }
  }
  const deleted: DeletedObject = { id, object: 'customer', deleted: true };
  ctx.state.customers[id] = deleted;
  ctx.emit('customer.deleted', customer);
  return deleted;
}

function liveCustomers(ctx: StandInContext): CustomerObject[] {
  return newestFirst(ctx.state.customers).filter((customer): customer is CustomerObject => !customer.deleted);
}

export function listCustomers(ctx: StandInContext, params: FormParams): ListObject<CustomerObject> {
  const email = readString(params, 'email');
  const customers = liveCustomers(ctx).filter(
    (customer) => (email === undefined || customer.email === email) && matchesRange(customer.created, params, 'created'),
  );
  return paginate(customers, params, '/v1/customers');
}

type Clause = { negate: boolean; field: string; metadataKey: string | null; operator: ':' | '~'; value: string };

/** The subset of Stripe's search query language billing needs: `email:'x' AND metadata['org_id']:'y'`. */
function parseQuery(query: string): { clauses: Clause[]; joiner: 'AND' | 'OR' } {
  const clausePattern = /^(-?)([a-z_]+)(?:\[['"]([^'"]+)['"]\])?([:~])(?:'([^']*)'|"([^"]*)")$/;
  const joiner = / OR /.test(query) ? 'OR' : 'AND';
  if (/ AND /.test(query) && joiner === 'OR') {
    throw invalidRequest('Search queries cannot mix AND and OR.', 'query');
  }
  const clauses = query
    .split(joiner === 'AND' ? / AND / : / OR /)
    .map((part) => part.trim())
    .map((part) => {
      const match = clausePattern.exec(part);
      if (!match) throw invalidRequest(`The stand-in cannot read this search clause: ${part}`, 'query');
      return {
        negate: match[1] === '-',
        field: match[2] ?? '',
        metadataKey: match[3] ?? null,
        operator: (match[4] ?? ':') as ':' | '~',
        value: match[5] ?? match[6] ?? '',
      };
    });
  return { clauses, joiner };
}

function customerField(customer: CustomerObject, clause: Clause): string | null {
  if (clause.field === 'metadata') return clause.metadataKey ? (customer.metadata[clause.metadataKey] ?? null) : null;
  if (clause.field === 'email' || clause.field === 'name' || clause.field === 'phone') return customer[clause.field];
  throw invalidRequest(`Field '${clause.field}' is not searchable on customers in the stand-in.`, 'query');
}

export function searchCustomers(ctx: StandInContext, params: FormParams): SearchResult<CustomerObject> {
  const query = readString(params, 'query');
  if (!query) throw invalidRequest('Missing required param: query.', 'query', 'parameter_missing');
  const { clauses, joiner } = parseQuery(query);
  const matches = (customer: CustomerObject, clause: Clause) => {
    const value = customerField(customer, clause);
    const hit =
      value !== null &&
      (clause.operator === ':'
        ? value.toLowerCase() === clause.value.toLowerCase()
        : value.toLowerCase().includes(clause.value.toLowerCase()));
    return clause.negate ? !hit : hit;
  };
  const found = liveCustomers(ctx).filter((customer) =>
    joiner === 'AND' ? clauses.every((clause) => matches(customer, clause)) : clauses.some((clause) => matches(customer, clause)),
  );
  return searchPage(found, params, '/v1/customers/search');
}
