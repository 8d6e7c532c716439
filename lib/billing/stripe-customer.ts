import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { organizations, type Organization } from '@/db/schema';
import { notFound } from '@/lib/http/app-error';
import { callStripe } from './stripe-client';
import { asSystem } from './system-transaction';

/**
 * The organization's Stripe customer, created at its first checkout. The
 * idempotency key is derived from the organization id, so two quick clicks
 * (or a retry after the database write failed) get the same customer back
 * from Stripe instead of making a second one. The parameters stay fixed for
 * the same reason: Stripe refuses a reused key with different parameters.
 */
export async function ensureStripeCustomer(organization: Organization): Promise<string> {
  if (organization.stripeCustomerId) return organization.stripeCustomerId;
  const customer = await callStripe('create the billing customer', (stripe) =>
    stripe.customers.create(
      { metadata: { organization_id: organization.id } },
      { idempotencyKey: `tenantry-organization-customer-${organization.id}` },
    ),
  );
  return asSystem(async (tx) => {
    await tx
      .update(organizations)
      .set({ stripeCustomerId: customer.id })
      .where(and(eq(organizations.id, organization.id), isNull(organizations.stripeCustomerId)));
    const [stored] = await tx
      .select({ stripeCustomerId: organizations.stripeCustomerId })
      .from(organizations)
      .where(eq(organizations.id, organization.id));
    if (!stored?.stripeCustomerId) throw notFound('Organization'); // deleted in the meantime
    return stored.stripeCustomerId;
  });
}
