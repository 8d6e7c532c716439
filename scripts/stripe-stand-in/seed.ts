/** Creates the seed products and prices whose lookup keys do not exist yet. */
import type { StandInContext } from './context';
import { createPriceFromParams } from './resources/prices';
import { createProduct } from './resources/products';
import type { SeedProduct } from './seed-plans';

export function seedCatalog(ctx: StandInContext, products: SeedProduct[]): void {
  ctx.eventsMuted = true;
  try {
    for (const seed of products) {
      const missing = seed.prices.filter(
        (price) => !Object.values(ctx.state.prices).some((existing) => existing.lookup_key === price.lookupKey),
      );
      if (missing.length === 0) continue;
      const product =
        Object.values(ctx.state.products).find((candidate) => candidate.active && candidate.name === seed.name) ??
        createProduct(ctx, {
          name: seed.name,
          ...(seed.description ? { description: seed.description } : {}),
          ...(seed.metadata ? { metadata: seed.metadata } : {}),
        });
      for (const price of missing) {
        const created = createPriceFromParams(ctx, {
          product: product.id,
          currency: price.currency,
          unit_amount: String(price.unitAmount),
          recurring: { interval: price.interval },
          lookup_key: price.lookupKey,
          ...(price.nickname ? { nickname: price.nickname } : {}),
        });
        product.default_price ??= created.id;
      }
    }
    ctx.store.save();
  } finally {
    ctx.eventsMuted = false;
  }
}
