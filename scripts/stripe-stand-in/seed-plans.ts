/**
 * The catalog the stand-in creates at start when its lookup keys are missing:
 * the paid plans of lib/billing/plans.ts, so local mode sells what the app
 * offers. (`npm run stripe:setup` does the same against a real account.)
 */
import { CURRENCY, PAID_PLAN_IDS, PLANS } from '../../lib/billing/plans';

export interface SeedPrice {
  lookupKey: string;
  /** In the currency's smallest unit (cents). */
  unitAmount: number;
  currency: string;
  interval: 'month' | 'year';
  nickname?: string;
}

export interface SeedProduct {
  name: string;
  description?: string;
  metadata?: Record<string, string>;
  prices: SeedPrice[];
}

export const DEFAULT_SEED_PRODUCTS: SeedProduct[] = PAID_PLAN_IDS.map((id) => {
  const plan = PLANS[id];
  return {
    name: plan.name,
    description: plan.description,
    metadata: { plan: id },
    prices: (['month', 'year'] as const).flatMap((interval) => {
      const price = plan.prices?.[interval];
      if (!price) return [];
      const nickname = `${plan.name} ${interval === 'month' ? 'monthly' : 'yearly'}`;
      return [{ lookupKey: price.lookupKey, unitAmount: price.unitAmount, currency: CURRENCY, interval, nickname }];
    }),
  };
});
