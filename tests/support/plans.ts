import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DatabaseConnection } from '@/db/client';
import { organizations, subscriptions } from '@/db/schema';
import { PLANS, type PaidPlanId } from '@/lib/billing/plans';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Puts an organization on a paid plan the way the app would find it after a
 * Stripe sync: an `active` row in `subscriptions`. Written as the database
 * owner, because no user may write subscriptions (only Stripe's sync does).
 *
 * For tests that are about something other than plans but need more than the
 * free limits (a fourth member, the audit log); tests/billing covers how a
 * subscription really gets there.
 */
export async function giveOrganizationPlan(
  database: Pick<DatabaseConnection, 'db'>,
  organization: string,
  plan: PaidPlanId = 'business',
): Promise<void> {
  const [found] = await database.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(UUID.test(organization) ? eq(organizations.id, organization) : eq(organizations.slug, organization));
  if (!found) throw new Error(`giveOrganizationPlan: no organization ${organization}`);
  const suffix = randomBytes(8).toString('hex');
  await database.db.insert(subscriptions).values({
    id: `sub_test_${suffix}`,
    organizationId: found.id,
    stripeCustomerId: `cus_test_${suffix}`,
    status: 'active',
    plan,
    interval: 'month',
    priceLookupKey: PLANS[plan].prices?.month.lookupKey ?? null,
    currentPeriodEnd: new Date(Date.now() + 30 * 24 * 60 * 60 * 1000),
    stripeCreatedAt: new Date(),
  });
}
