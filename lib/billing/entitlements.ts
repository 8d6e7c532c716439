import 'server-only';
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { projects, subscriptions, type SubscriptionStatus } from '@/db/schema';
import { AppError } from '@/lib/http/app-error';
import { resultRows, type Transaction } from '@/lib/tenancy/tenant-transaction';
import type { TenantScope } from '@/lib/tenancy/tenant-scope';
import { PLAN_IDS, PLANS, type Plan, type PlanFeatures, type PlanLimits } from './plans';

/**
 * Statuses that give the subscription's plan. `past_due` keeps it while Stripe
 * retries the payment (the dashboard shows a banner); `canceled`, `unpaid`,
 * `incomplete`, `incomplete_expired` and `paused` fall back to free. Nothing is
 * deleted on a downgrade: creating more is blocked until usage is under the limit.
 */
export const PAID_STATUSES: readonly SubscriptionStatus[] = ['trialing', 'active', 'past_due'];

export type LimitedResource = keyof PlanLimits;
export type Feature = keyof PlanFeatures;

/** The plan an organization has now, from the subscription rows synced from Stripe. */
export async function currentPlan(tx: Transaction, organizationId: string): Promise<Plan> {
  const [subscription] = await tx
    .select({ id: subscriptions.id, plan: subscriptions.plan })
    .from(subscriptions)
    .where(and(eq(subscriptions.organizationId, organizationId), inArray(subscriptions.status, [...PAID_STATUSES])))
    .orderBy(desc(subscriptions.stripeCreatedAt))
    .limit(1);
  if (!subscription) return PLANS.free;
  if (!subscription.plan) {
    console.warn(`[billing] subscription ${subscription.id} has a price whose lookup key is not in lib/billing/plans.ts; treating it as free`);
    return PLANS.free;
  }
  return PLANS[subscription.plan];
}

/** What the organization uses of each limited resource (members count pending invitations). */
export async function usageOf(tx: Transaction, organizationId: string): Promise<Record<LimitedResource, number>> {
  const [projectCount] = await tx.select({ value: count() }).from(projects).where(eq(projects.organizationId, organizationId));
  const [seats] = resultRows<{ seats: number | null }>(
    await tx.execute(sql`select tenantry.seats_used(${organizationId}) as seats`),
  );
  return { projects: Number(projectCount?.value ?? 0), members: Number(seats?.seats ?? 0) };
}

const RESOURCE_NAMES: Record<LimitedResource, string> = { projects: 'projects', members: 'members (pending invitations included)' };

/**
 * Refuses (402 `plan_limit`) to add one more `resource` when the plan's limit
 * is reached. Call it first in the domain function that creates the thing,
 * inside its tenant transaction. A per-organization lock makes two concurrent
 * creations count one after the other, so the limit cannot be passed by racing.
 */
export async function assertCanAdd(scope: TenantScope, resource: LimitedResource): Promise<void> {
  const organizationId = scope.organization.id;
  const plan = await currentPlan(scope.tx, organizationId);
  const limit = plan.limits[resource];
  if (limit === null) return;
  await scope.tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`tenantry.plan-usage:${organizationId}`}))`);
  const used = (await usageOf(scope.tx, organizationId))[resource];
  if (used < limit) return;
  const lifting = PLAN_IDS.map((id) => PLANS[id]).find((candidate) => {
    const candidateLimit = candidate.limits[resource];
    return candidateLimit === null || candidateLimit > used;
  });
  const upgrade = lifting
    ? ` Upgrade to ${lifting.name} for ${lifting.limits[resource] === null ? 'unlimited' : `up to ${lifting.limits[resource]}`} ${resource}.`
    : '';
  throw new AppError(
    'plan_limit',
    `The ${plan.name} plan allows ${limit} ${RESOURCE_NAMES[resource]} per organization.${upgrade}`,
  );
}

const FEATURE_NAMES: Record<Feature, string> = { auditLog: 'The audit log' };

/** Refuses (402 `plan_upgrade_required`) a paid feature on a plan without it. */
export async function assertFeature(scope: TenantScope, feature: Feature): Promise<void> {
  const plan = await currentPlan(scope.tx, scope.organization.id);
  if (plan.features[feature]) return;
  const lifting = PLAN_IDS.map((id) => PLANS[id]).find((candidate) => candidate.features[feature]);
  throw new AppError(
    'plan_upgrade_required',
    `${FEATURE_NAMES[feature]} is not part of the ${plan.name} plan.${lifting ? ` Upgrade to ${lifting.name} to use it.` : ''}`,
  );
}
