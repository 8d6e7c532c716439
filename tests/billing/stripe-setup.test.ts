import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANS } from '@/lib/billing/plans';
import { setUpStripeCatalog } from '@/scripts/stripe-setup';
import { startStripeStandIn, type StripeStandIn } from '@/scripts/stripe-stand-in/server';
import { createStandInClient, priceByLookupKey } from '../support/stripe-stand-in';

// An empty account, as a new Stripe account is (no seed catalog).
let standIn: StripeStandIn;
const stripe = () => createStandInClient(standIn.port);

beforeAll(async () => {
  standIn = await startStripeStandIn({ port: 0, dataDir: null, webhookUrl: null, seedPrices: [] });
});

afterAll(async () => {
  await standIn?.close();
});

describe('npm run stripe:setup', () => {
  it('creates the products and prices of plans.ts, found by lookup key', async () => {
    const changes = await setUpStripeCatalog(stripe());
    expect(changes.filter((change) => change.startsWith('created price'))).toHaveLength(4);
    const proMonthly = await priceByLookupKey(stripe(), 'pro_monthly');
    expect(proMonthly).toMatchObject({ unit_amount: 1900, currency: 'usd', recurring: expect.objectContaining({ interval: 'month' }) });
    const businessYearly = await priceByLookupKey(stripe(), 'business_yearly');
    expect(businessYearly.unit_amount).toBe(49000);
    const product = await stripe().products.retrieve(proMonthly.product as string);
    expect(product).toMatchObject({ name: 'Pro', metadata: { plan: 'pro' }, default_price: proMonthly.id });
    expect(product.marketing_features.map((feature) => feature.name)).toEqual(PLANS.pro.highlights);
  });

  it('changes nothing when run again', async () => {
    expect(await setUpStripeCatalog(stripe())).toEqual([]);
  });

  it('moves the lookup key to a new price when an amount changes, and archives the old price', async () => {
    const old = await priceByLookupKey(stripe(), 'pro_monthly');
    const prices = PLANS.pro.prices!;
    const original = prices.month.unitAmount;
    prices.month.unitAmount = 2900;
    try {
      const changes = await setUpStripeCatalog(stripe());
      expect(changes).toEqual([
        expect.stringMatching(/^created price pro_monthly 29\.00 usd\/month/),
        `archived the old pro_monthly price (${old.id})`,
        expect.stringMatching(/^set Pro's default price to price_/),
      ]);
      const current = await priceByLookupKey(stripe(), 'pro_monthly');
      expect(current.unit_amount).toBe(2900);
      expect(await stripe().prices.retrieve(old.id)).toMatchObject({ active: false, lookup_key: null });
      expect(await setUpStripeCatalog(stripe())).toEqual([]);
    } finally {
      prices.month.unitAmount = original;
    }
  });
});

describe('the stand-in’s seed catalog', () => {
  it('is derived from plans.ts, so local mode sells what the app offers', async () => {
    const seeded = await startStripeStandIn({ port: 0, dataDir: null, webhookUrl: null });
    try {
      const client = createStandInClient(seeded.port);
      for (const [lookupKey, amount] of [['pro_monthly', 1900], ['pro_yearly', 19000], ['business_monthly', 4900], ['business_yearly', 49000]] as const) {
        expect((await priceByLookupKey(client, lookupKey)).unit_amount).toBe(amount);
      }
    } finally {
      await seeded.close();
    }
  });
});
