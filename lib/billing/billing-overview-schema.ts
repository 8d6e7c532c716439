import { z } from 'zod';
import { ORGANIZATION_ERRORS, type OrganizationOperation } from '@/lib/http/api-operation';
import { BILLING_INTERVALS, PLAN_IDS } from './plans';

/*
 * What an organization's billing looks like to its members, and the API
 * operation that reads it. Client-safe; the reading is in
 * ./billing-overview.ts.
 */

const limitSchema = z.number().int().nullable().describe('null: unlimited');

export const billingOverviewSchema = z
  .object({
    plan: z.object({ id: z.enum(PLAN_IDS), name: z.string() }).describe('The plan in effect now'),
    subscription: z
      .object({
        status: z.string().meta({ examples: ['active', 'trialing', 'past_due', 'unpaid'] }),
        plan: z.enum(PLAN_IDS).nullable(),
        interval: z.enum(BILLING_INTERVALS).nullable(),
        current_period_end: z.iso.datetime().nullable().describe('Renewal date, or the end date when cancelling'),
        cancel_at_period_end: z.boolean(),
        cancel_at: z.iso.datetime().nullable(),
        trial_end: z.iso.datetime().nullable(),
      })
      .nullable()
      .describe('The current Stripe subscription; null on free'),
    limits: z.object({ projects: limitSchema, members: limitSchema, api_keys: limitSchema }),
    usage: z.object({
      projects: z.number().int(),
      members: z.number().int().describe('Members plus pending invitations'),
      api_keys: z.number().int().describe('Live API keys (not revoked, not expired); 0 for members, who cannot see keys'),
    }),
    features: z.object({ audit_log: z.boolean() }),
    can_manage_billing: z.boolean().describe('Owners and admins may start checkout and open the portal'),
  })
  .meta({ id: 'BillingOverview' });

export type BillingOverview = z.infer<typeof billingOverviewSchema>;

export const billingOverviewOperations = {
  get: { method: 'get', path: '/api/v1/orgs/{slug}/billing', summary: 'Plan, subscription status, limits and usage', who: 'member', response: { status: 200, schema: billingOverviewSchema }, errors: [...ORGANIZATION_ERRORS] },
} as const satisfies Record<string, OrganizationOperation>;
