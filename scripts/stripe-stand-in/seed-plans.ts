/**
 * The catalog the stand-in creates at start when its lookup keys are missing.
 * Until billing defines its plans in lib/billing/plans.ts, these are the
 * template's defaults; billing can then pass its own list as `seedPrices`.
 */

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

export const DEFAULT_SEED_PRODUCTS: SeedProduct[] = [
  {
    name: 'Pro',
    description: 'For small teams getting started.',
    metadata: { plan: 'pro' },
    prices: [
      { lookupKey: 'pro_monthly', unitAmount: 1900, currency: 'usd', interval: 'month', nickname: 'Pro monthly' },
      { lookupKey: 'pro_yearly', unitAmount: 19000, currency: 'usd', interval: 'year', nickname: 'Pro yearly' },
    ],
  },
  {
    name: 'Business',
    description: 'For growing organizations.',
    metadata: { plan: 'business' },
    prices: [
      { lookupKey: 'business_monthly', unitAmount: 4900, currency: 'usd', interval: 'month', nickname: 'Business monthly' },
      { lookupKey: 'business_yearly', unitAmount: 49000, currency: 'usd', interval: 'year', nickname: 'Business yearly' },
    ],
  },
];
