import { previousAttributes, type StandInContext } from '../context';
import { invalidRequest, missingParam } from '../errors';
import type { FormParams } from '../form';
import { paginate } from '../list';
import type { ListObject, PriceObject, ProductObject, RecurringObject } from '../objects';
import {
  matchesRange,
  mergeMetadata,
  readBoolean,
  readInteger,
  readObject,
  readString,
  readStringArray,
  rejectUnknownParams,
  requireString,
} from '../params';
import { newestFirst, newId } from '../store';
import { findPrice, findProduct } from './lookup';

const CREATE_PARAMS = [
  'currency', 'active', 'billing_scheme', 'currency_options', 'custom_unit_amount', 'lookup_key', 'metadata',
  'nickname', 'product', 'product_data', 'recurring', 'tax_behavior', 'tiers', 'tiers_mode', 'transfer_lookup_key',
  'transform_quantity', 'unit_amount', 'unit_amount_decimal',
];
const UPDATE_PARAMS = [
  'active', 'currency_options', 'lookup_key', 'metadata', 'nickname', 'tax_behavior', 'transfer_lookup_key',
];
const INTERVALS = ['day', 'week', 'month', 'year'] as const;

function readRecurring(params: FormParams, name: string): RecurringObject | null {
  const recurring = readObject(params, 'recurring', name);
  if (!recurring) return null;
  const interval = requireString(recurring, 'interval', `${name}[interval]`);
  if (!(INTERVALS as readonly string[]).includes(interval)) {
    throw invalidRequest(`Invalid ${name}[interval]: must be one of day, month, week, or year`, `${name}[interval]`);
  }
  const usageType = readString(recurring, 'usage_type', `${name}[usage_type]`) ?? 'licensed';
  return {
    interval: interval as RecurringObject['interval'],
    interval_count: readInteger(recurring, 'interval_count', `${name}[interval_count]`) ?? 1,
    meter: null,
    trial_period_days: readInteger(recurring, 'trial_period_days', `${name}[trial_period_days]`) ?? null,
    usage_type: usageType === 'metered' ? 'metered' : 'licensed',
  };
}

/** A lookup key names one price; moving it needs `transfer_lookup_key`, as at Stripe. */
function claimLookupKey(ctx: StandInContext, lookupKey: string, transfer: boolean, param: string): void {
  const holder = Object.values(ctx.state.prices).find((price) => price.lookup_key === lookupKey);
  if (!holder) return;
  if (!transfer) {
    throw invalidRequest(
      `A price (\`${holder.id}\`) already uses that lookup key. Set \`transfer_lookup_key\` to move it to this price.`,
      param,
      'lookup_key_already_used',
    );
  }
  const before = structuredClone(holder);
  holder.lookup_key = null;
  ctx.emit('price.updated', holder, previousAttributes(before, holder));
}

/** Shared by `POST /v1/prices` and a product's `default_price_data`. */
export function createPriceFromParams(ctx: StandInContext, params: FormParams, prefix = ''): PriceObject {
  const name = (key: string) => (prefix ? `${prefix}[${key}]` : key);
  let product: ProductObject;
  const productId = readString(params, 'product');
  const productData = readObject(params, 'product_data');
  if (productId) {
    product = findProduct(ctx, productId, name('product'));
  } else if (productData) {
    const now = ctx.clock.now();
    product = {
      id: newId('prod_', 14),
      object: 'product',
      active: readBoolean(productData, 'active') ?? true,
      created: now,
      default_price: null,
      description: null,
      images: [],
      livemode: false,
      marketing_features: [],
      metadata: mergeMetadata({}, productData),
      name: requireString(productData, 'name', 'product_data[name]'),
      type: 'service',
      updated: now,
      url: null,
    };
    ctx.state.products[product.id] = product;
    ctx.emit('product.created', product);
  } else {
    throw invalidRequest('You must specify either `product` or `product_data` when creating a price.', 'product');
  }
  const unitAmount = readInteger(params, 'unit_amount', name('unit_amount'));
  const unitAmountDecimal = readString(params, 'unit_amount_decimal', name('unit_amount_decimal'));
  const amount = unitAmount ?? (unitAmountDecimal ? Math.round(Number(unitAmountDecimal)) : undefined);
  if (amount === undefined || Number.isNaN(amount)) throw missingParam(name('unit_amount'));
  if (amount < 0) throw invalidRequest('Invalid non-negative integer', name('unit_amount'));
  const lookupKey = readString(params, 'lookup_key') || null;
  if (lookupKey) claimLookupKey(ctx, lookupKey, readBoolean(params, 'transfer_lookup_key') ?? false, name('lookup_key'));
  const recurring = readRecurring(params, name('recurring'));
  const price: PriceObject = {
    id: newId('price_'),
    object: 'price',
    active: readBoolean(params, 'active') ?? true,
    billing_scheme: 'per_unit',
    created: ctx.clock.now(),
    currency: requireString(params, 'currency', name('currency')).toLowerCase(),
    custom_unit_amount: null,
    livemode: false,
    lookup_key: lookupKey,
    metadata: mergeMetadata({}, params),
    nickname: readString(params, 'nickname') || null,
    product: product.id,
    recurring,
    tax_behavior: readString(params, 'tax_behavior') ?? 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: recurring ? 'recurring' : 'one_time',
    unit_amount: amount,
    unit_amount_decimal: String(amount),
  };
  ctx.state.prices[price.id] = price;
  ctx.emit('price.created', price);
  return price;
}

export function createPrice(ctx: StandInContext, params: FormParams): PriceObject {
  rejectUnknownParams(params, CREATE_PARAMS);
  return createPriceFromParams(ctx, params);
}

export function retrievePrice(ctx: StandInContext, id: string): PriceObject {
  return findPrice(ctx, id);
}

export function updatePrice(ctx: StandInContext, id: string, params: FormParams): PriceObject {
  rejectUnknownParams(params, UPDATE_PARAMS);
  const price = findPrice(ctx, id);
  const before = structuredClone(price);
  const lookupKey = readString(params, 'lookup_key');
  if (lookupKey !== undefined && lookupKey !== price.lookup_key) {
    if (lookupKey) claimLookupKey(ctx, lookupKey, readBoolean(params, 'transfer_lookup_key') ?? false, 'lookup_key');
    price.lookup_key = lookupKey || null;
  }
  const active = readBoolean(params, 'active');
  if (active !== undefined) price.active = active;
  const nickname = readString(params, 'nickname');
  if (nickname !== undefined) price.nickname = nickname || null;
  price.metadata = mergeMetadata(price.metadata, params);
  ctx.emit('price.updated', price, previousAttributes(before, price));
  return price;
}

export function listPrices(ctx: StandInContext, params: FormParams): ListObject<PriceObject> {
  const active = readBoolean(params, 'active');
  const currency = readString(params, 'currency');
  const product = readString(params, 'product');
  const type = readString(params, 'type');
  const lookupKeys = readStringArray(params, 'lookup_keys');
  const recurring = readObject(params, 'recurring');
  const interval = recurring ? readString(recurring, 'interval', 'recurring[interval]') : undefined;
  const prices = newestFirst(ctx.state.prices).filter(
    (price) =>
      (active === undefined || price.active === active) &&
      (currency === undefined || price.currency === currency.toLowerCase()) &&
      (product === undefined || price.product === product) &&
      (type === undefined || price.type === type) &&
      (lookupKeys === undefined || (price.lookup_key !== null && lookupKeys.includes(price.lookup_key))) &&
      (interval === undefined || price.recurring?.interval === interval) &&
      matchesRange(price.created, params, 'created'),
  );
  return paginate(prices, params, '/v1/prices');
}
