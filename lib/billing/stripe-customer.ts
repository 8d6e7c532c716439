import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { organizations, type Organization } from '@/db/schema';
import { notFound } from '@/lib/http/app-error';
import { callStripe } from './stripe-client';
import { asSystem } from '@/lib/tenant/system';

/** Who Stripe bills: the organization, by name, reached at its owner's email. Checkout and invoices show both. */
export interface BillingContact {
  name: string;
  email: string | null;
}

/**
 * The organization's Stripe customer, created at its first checkout with the
 * organization's name and its owner's email (so Checkout is prefilled), and
 * brought up to date at later ones (a rename, a new owner). The idempotency
 * key is derived from the organization id, so two quick clicks (or a retry
 * after the database write failed) get the same customer back from Stripe
 * instead of making a second one.
 */
export async function ensureStripeCustomer(organization: Organization, contact: BillingContact): Promise<string> {
  const details = { name: contact.name, ...(contact.email ? { email: contact.email } : {}) };
  if (organization.stripeCustomerId) {
    const customerId = organization.stripeCustomerId;
    await callStripe('update the billing customer', (stripe) => stripe.customers.update(customerId, details));
    return customerId;
  }
  const customer = await callStripe('create the billing customer', (stripe) =>
    stripe.customers.create(
      { ...details, metadata: { organization_id: organization.id } },
      // v2: the parameters gained name and email; Stripe refuses a reused key with other parameters.
      { idempotencyKey: `tenantry-organization-customer-v2-${organization.id}` },
    ),
  );
  return asSystem('billing-sync', async (tx) => {
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
