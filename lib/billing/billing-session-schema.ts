import { z } from 'zod';
import { ORGANIZATION_ERRORS, type OrganizationOperation } from '@/lib/http/api-operation';
import { BILLING_INTERVALS, PAID_PLAN_IDS } from './plans';

/*
 * Stripe's hosted pages an admin is sent to: Checkout to buy a plan, the
 * Customer Portal to change or cancel it. Their inputs, answers and API
 * operations; client-safe, so the billing page validates with the same
 * schema. The work is in ./checkout.ts and ./billing-portal.ts.
 */

export const startCheckoutInput = z
  .strictObject({
    plan: z.enum(PAID_PLAN_IDS),
    interval: z.enum(BILLING_INTERVALS).default('month'),
  })
  .meta({ id: 'StartCheckout' });

export const redirectUrlSchema = z.object({ url: z.url() }).meta({ id: 'RedirectUrl' });

/**
 * Billing is for people: a key cannot buy or cancel (`personOnly`). The
 * routes use withAuth, so ./checkout.ts and ./billing-portal.ts check `who`
 * themselves, between their Stripe calls.
 */
export const billingSessionOperations = {
  checkout: { method: 'post', path: '/api/v1/orgs/{slug}/billing/checkout', summary: 'Start a Stripe Checkout for a paid plan; redirect the buyer to `url`', who: 'admin', personOnly: true, body: startCheckoutInput, response: { status: 200, schema: redirectUrlSchema }, errors: [...ORGANIZATION_ERRORS, 'forbidden', 'validation_failed', 'subscription_exists', 'billing_unavailable', 'rate_limited'] },
  portal: { method: 'post', path: '/api/v1/orgs/{slug}/billing/portal', summary: 'Open the Stripe Customer Portal (change plan, cancel, card, invoices); redirect to `url`', who: 'admin', personOnly: true, response: { status: 200, schema: redirectUrlSchema }, errors: [...ORGANIZATION_ERRORS, 'forbidden', 'billing_not_set_up', 'billing_unavailable', 'rate_limited'] },
} as const satisfies Record<string, OrganizationOperation>;
