import 'server-only';
import { and, desc, eq, notInArray } from 'drizzle-orm';
import { z } from 'zod';
import { subscriptions } from '@/db/schema';
import { hasAtLeast } from '@/lib/tenant/roles';
import type { TenantScope } from '@/lib/tenant/membership';
import { currentPlan, usageOf } from './entitlements';
import { BILLING_INTERVALS, PLAN_IDS } from './plans';
import { ENDED_STATUSES } from './subscription-status';

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

/** Plan, subscription state, limits and usage, for any member of the organization. */
export async function getBillingOverview(scope: TenantScope): Promise<BillingOverview> {
  const organizationId = scope.organization.id;
  const plan = await currentPlan(scope.tx, organizationId);
  const [subscription] = await scope.tx
    .select()
    .from(subscriptions)
    .where(
      and(eq(subscriptions.organizationId, organizationId), notInArray(subscriptions.status, [...ENDED_STATUSES])),
    )
    .orderBy(desc(subscriptions.stripeCreatedAt))
    .limit(1);
  const usage = await usageOf(scope.tx, organizationId);
  return {
    plan: { id: plan.id, name: plan.name },
    subscription: subscription
      ? {
          status: subscription.status,
          plan: subscription.plan,
          interval: subscription.interval,
          current_period_end: subscription.currentPeriodEnd?.toISOString() ?? null,
          cancel_at_period_end: subscription.cancelAtPeriodEnd,
          cancel_at: subscription.cancelAt?.toISOString() ?? null,
          trial_end: subscription.trialEnd?.toISOString() ?? null,
        }
      : null,
    limits: { projects: plan.limits.projects, members: plan.limits.members, api_keys: plan.limits.apiKeys },
    usage: { projects: usage.projects, members: usage.members, api_keys: usage.apiKeys },
    features: { audit_log: plan.features.auditLog },
    can_manage_billing: hasAtLeast(scope.membership.role, 'admin'),
  };
}
