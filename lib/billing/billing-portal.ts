import 'server-only';
import { recordAuditEvent } from '@/lib/tenant/audit';
import type { Caller } from '@/lib/tenant/caller';
import { AppError } from '@/lib/http/app-error';
import { inOrganization } from '@/lib/tenant/membership';
import { billingSessionOperations } from './billing-session-schema';
import { billingPageUrl } from './checkout';
import { assertBillingEnabled, callStripe } from './stripe-client';
import { asSystem } from '@/lib/tenant/system';

/**
 * A Stripe Customer Portal session for the organization (change plan, cancel,
 * update the card, invoices), returning to the billing page. Owners and admins
 * only. Like Checkout, Stripe is called after the tenant transaction that
 * checks the role, and the audit event is written by the system once the
 * portal link exists.
 */
export async function openBillingPortal(caller: Caller, slug: string): Promise<{ url: string }> {
  assertBillingEnabled();
  const organization = await inOrganization(caller, slug, billingSessionOperations.portal.who, async (scope) => scope.organization);
  const customerId = organization.stripeCustomerId;
  if (!customerId) {
    throw new AppError('billing_not_set_up', 'This organization has no billing account yet; choose a plan first.');
  }
  const session = await callStripe('open the billing portal', (stripe) =>
    stripe.billingPortal.sessions.create({ customer: customerId, return_url: billingPageUrl(organization.slug) }),
  );
  await asSystem('billing-audit', (tx) =>
    recordAuditEvent(tx, {
      organizationId: organization.id,
      actorId: caller.userId,
      action: 'billing.portal_opened',
      targetType: 'organization',
      targetId: organization.id,
    }),
  );
  return { url: session.url };
}
