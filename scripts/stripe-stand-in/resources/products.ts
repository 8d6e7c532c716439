import { previousAttributes, type StandInContext } from '../context';
import { invalidRequest } from '../errors';
import type { FormParams } from '../form';
import { paginate } from '../list';
import type { ListObject, ProductObject } from '../objects';
import {
  matchesRange,
  mergeMetadata,
  readBoolean,
  readObject,
  readObjectArray,
  readString,
  readStringArray,
  rejectUnknownParams,
  requireString,
} from '../params';
import { newestFirst, newId } from '../store';
import { findProduct } from './lookup';
import { createPriceFromParams } from './prices';
import { checkReferences } from './references';

const CREATE_PARAMS = [
  'name', 'active', 'default_price_data', 'description', 'id', 'images', 'marketing_features', 'metadata',
  'package_dimensions', 'shippable', 'statement_descriptor', 'tax_code', 'tax_details', 'type', 'unit_label', 'url',
];
const UPDATE_PARAMS = [
  'active', 'default_price', 'description', 'images', 'marketing_features', 'metadata', 'name',
  'package_dimensions', 'shippable', 'statement_descriptor', 'tax_code', 'tax_details', 'unit_label', 'url',
];

function readMarketingFeatures(params: FormParams): { name: string }[] | undefined {
  return readObjectArray(params, 'marketing_features')?.map((feature, index) => ({
    name: requireString(feature, 'name', `marketing_features[${index}][name]`),
  }));
}

export function createProduct(ctx: StandInContext, params: FormParams): ProductObject {
  rejectUnknownParams(params, CREATE_PARAMS);
  const now = ctx.clock.now();
  const id = readString(params, 'id') || newId('prod_', 14);
  if (ctx.state.products[id]) throw invalidRequest(`Product already exists.`, 'id', 'resource_already_exists');
  const product: ProductObject = {
    id,
    object: 'product',
    active: readBoolean(params, 'active') ?? true,
    attributes: [],
    created: now,
    default_price: null,
    description: readString(params, 'description') || null,
    images: readStringArray(params, 'images') ?? [],
    livemode: false,
    marketing_features: readMarketingFeatures(params) ?? [],
    metadata: mergeMetadata({}, params),
    name: requireString(params, 'name'),
    package_dimensions: null,
    shippable: null,
    statement_descriptor: readString(params, 'statement_descriptor') || null,
    tax_code: null,
    tax_details: null,
    type: 'service',
    unit_label: readString(params, 'unit_label') || null,
    updated: now,
    url: readString(params, 'url') || null,
  };
  ctx.state.products[id] = product;
  ctx.emit('product.created', product);
  const defaultPriceData = readObject(params, 'default_price_data');
  if (defaultPriceData) {
    const price = createPriceFromParams(ctx, { ...defaultPriceData, product: id }, 'default_price_data');
    product.default_price = price.id;
  }
  ctx.store.save();
  return product;
}

export function retrieveProduct(ctx: StandInContext, id: string): ProductObject {
  return findProduct(ctx, id);
}

export function updateProduct(ctx: StandInContext, id: string, params: FormParams): ProductObject {
  rejectUnknownParams(params, UPDATE_PARAMS);
  const product = findProduct(ctx, id);
  checkReferences(ctx, params, { default_price: 'price' });
  const before = structuredClone(product);
  const name = readString(params, 'name');
  if (name !== undefined) product.name = name;
  const active = readBoolean(params, 'active');
  if (active !== undefined) product.active = active;
  const description = readString(params, 'description');
  if (description !== undefined) product.description = description || null;
  const defaultPrice = readString(params, 'default_price');
  if (defaultPrice && ctx.state.prices[defaultPrice]?.product !== product.id) {
    throw invalidRequest(`The price \`${defaultPrice}\` does not belong to product \`${product.id}\`.`, 'default_price');
  }
  if (defaultPrice !== undefined) product.default_price = defaultPrice || null;
  const features = readMarketingFeatures(params);
  if (features !== undefined) product.marketing_features = features;
  product.metadata = mergeMetadata(product.metadata, params);
  product.updated = ctx.clock.now();
  ctx.emit('product.updated', product, previousAttributes(before, product));
  return product;
}

export function listProducts(ctx: StandInContext, params: FormParams): ListObject<ProductObject> {
  const active = readBoolean(params, 'active');
  const ids = readStringArray(params, 'ids');
  const products = newestFirst(ctx.state.products).filter(
    (product) =>
      (active === undefined || product.active === active) &&
      (ids === undefined || ids.includes(product.id)) &&
      matchesRange(product.created, params, 'created'),
  );
  return paginate(products, params, '/v1/products');
}
