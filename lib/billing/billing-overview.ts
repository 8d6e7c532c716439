import 'server-only';
import { and, desc, eq, notInArray } from 'drizzle-orm';
import { subscriptions } from '@/db/schema';
import { hasAtLeast } from '@/lib/tenant/roles';
import type { TenantScope } from '@/lib/tenant/membership';
import { currentPlan, usageOf } from './entitlements';
import type { BillingOverview } from './billing-overview-schema';
import { billingSessionOperations } from './billing-session-schema';
import { ENDED_STATUSES } from './subscription-status';

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
    can_manage_billing: hasAtLeast(scope.membership.role, billingSessionOperations.checkout.who),
  };
}
