import 'server-only';
import { count, eq, sql } from 'drizzle-orm';
import { projects } from '@/lib/projects/table';
import { AppError } from '@/lib/http/app-error';
import { resultRows, type Transaction } from '@/lib/tenant/transaction';
import type { TenantScope } from '@/lib/tenant/membership';
import { PLAN_IDS, PLANS, type Plan, type PlanFeatures, type PlanId, type PlanLimits } from './plans';

export type LimitedResource = keyof PlanLimits;
export type Feature = keyof PlanFeatures;

/**
 * The plan an organization has now, as the database decides it for its limits
 * (tenantry.organization_plan): the newest subscription that is trialing,
 * active or past due (Stripe is still retrying the payment; the dashboard
 * shows a banner), else free. Nothing is deleted on a downgrade: the database
 * refuses adding more until usage is under the limit.
 */
export async function currentPlan(tx: Transaction, organizationId: string): Promise<Plan> {
  const [row] = resultRows<{ plan: string }>(
    await tx.execute(sql`select tenantry.organization_plan(${organizationId}::uuid) as plan`),
  );
  const plan = row?.plan ?? 'free';
  return plan in PLANS ? PLANS[plan as PlanId] : PLANS.free;
}

/** What the organization uses of each limited resource (members count pending invitations). */
export async function usageOf(tx: Transaction, organizationId: string): Promise<Record<LimitedResource, number>> {
  const [projectCount] = await tx.select({ value: count() }).from(projects).where(eq(projects.organizationId, organizationId));
  const [seats] = resultRows<{ seats: number | null }>(
    await tx.execute(sql`select tenantry.seats_used(${organizationId}) as seats`),
  );
  // api-keys: live keys count toward the plan too (tenantry.api_keys_used).
  const [keys] = resultRows<{ used: number | null }>(
    await tx.execute(sql`select tenantry.api_keys_used(${organizationId}) as used`),
  );
  return { projects: Number(projectCount?.value ?? 0), members: Number(seats?.seats ?? 0), apiKeys: Number(keys?.used ?? 0) };
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
