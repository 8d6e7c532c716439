/**
 * The plans: the one file a founder edits to change what is sold. The pricing
 * page, the dashboard's plan cards, Checkout, the limits the API enforces and
 * `npm run stripe:setup` (which creates these products and prices in Stripe)
 * all read it.
 *
 * Prices are named by Stripe *lookup keys*, not price ids, so the same code
 * runs against the local stand-in, a test account and the live account. A
 * price is immutable at Stripe: change an amount here and `stripe:setup`
 * makes a new price, moves the lookup key to it and archives the old one
 * (existing subscribers keep paying the old amount until they change plan).
 *
 * No imports and no `server-only`: client components and scripts read it too.
 */

export type PlanId = 'free' | 'pro' | 'business';
export type PaidPlanId = Exclude<PlanId, 'free'>;
export type BillingInterval = 'month' | 'year';

export interface PlanPrice {
  /** Stripe's `lookup_key` of this price. */
  lookupKey: string;
  /** In the currency's smallest unit (cents). */
  unitAmount: number;
}

export interface PlanLimits {
  /** Projects per organization; `null` is unlimited. */
  projects: number | null;
  /** Members per organization, pending invitations included; `null` is unlimited. */
  members: number | null;
  /** Live API keys per organization (lib/api-keys/); `null` is unlimited. */
  apiKeys: number | null;
}

export interface PlanFeatures {
  /** Reading the audit log (events are recorded on every plan, so upgrading shows the history). */
  auditLog: boolean;
}

export interface Plan {
  id: PlanId;
  name: string;
  description: string;
  /** Bullet points for the pricing page, also sent to Stripe as the product's marketing features. */
  highlights: string[];
  /** `null` for the free plan, which never goes through Stripe. */
  prices: Record<BillingInterval, PlanPrice> | null;
  /** Days of free trial on an organization's first subscription; `null` for none. */
  trialDays: number | null;
  limits: PlanLimits;
  features: PlanFeatures;
}

export const CURRENCY = 'usd';

export const PLANS: Record<PlanId, Plan> = {
  free: {
    id: 'free',
    name: 'Free',
    description: 'For trying things out.',
    highlights: ['3 projects', '3 members'],
    prices: null,
    trialDays: null,
    limits: { projects: 3, members: 3, apiKeys: 2 },
    features: { auditLog: false },
  },
  pro: {
    id: 'pro',
    name: 'Pro',
    description: 'For small teams getting started.',
    highlights: ['25 projects', '10 members', 'Audit log'],
    prices: {
      month: { lookupKey: 'pro_monthly', unitAmount: 1900 },
      year: { lookupKey: 'pro_yearly', unitAmount: 19000 },
    },
    trialDays: null,
    limits: { projects: 25, members: 10, apiKeys: 10 },
    features: { auditLog: true },
  },
  business: {
    id: 'business',
    name: 'Business',
    description: 'For growing organizations.',
    highlights: ['Unlimited projects', 'Unlimited members', 'Audit log'],
    prices: {
      month: { lookupKey: 'business_monthly', unitAmount: 4900 },
      year: { lookupKey: 'business_yearly', unitAmount: 49000 },
    },
    trialDays: null,
    limits: { projects: null, members: null, apiKeys: null },
    features: { auditLog: true },
  },
};

/** Cheapest first: the order of the pricing page, and of "the plan that lifts this limit". */
export const PLAN_IDS = ['free', 'pro', 'business'] as const satisfies readonly PlanId[];
export const PAID_PLAN_IDS = ['pro', 'business'] as const satisfies readonly PaidPlanId[];
export const BILLING_INTERVALS = ['month', 'year'] as const satisfies readonly BillingInterval[];

/** The plan and interval a Stripe price's lookup key stands for, or null for a price not in this file. */
export function planForLookupKey(lookupKey: string | null | undefined): { plan: PaidPlanId; interval: BillingInterval } | null {
  if (!lookupKey) return null;
  for (const plan of PAID_PLAN_IDS) {
    for (const interval of BILLING_INTERVALS) {
      if (PLANS[plan].prices?.[interval].lookupKey === lookupKey) return { plan, interval };
    }
  }
  return null;
}
