import 'server-only';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import type { Caller } from '@/lib/auth/caller';
import { AppError } from '@/lib/http/app-error';
import { inOrganization } from '@/lib/tenancy/tenant-scope';
import { billingPageUrl } from './checkout';
import { assertBillingEnabled, callStripe } from './stripe-client';
import { asSystem } from './system-transaction';

/**
 * A Stripe Customer Portal session for the organization (change plan, cancel,
 * update the card, invoices), returning to the billing page. Owners and admins
 * only. Like Checkout, Stripe is called after the tenant transaction that
 * checks the role, and the audit event is written by the system once the
 * portal link exists.
 */
export async function openBillingPortal(caller: Caller, slug: string): Promise<{ url: string }> {
  assertBillingEnabled();
  const organization = await inOrganization(caller, slug, 'admin', async (scope) => scope.organization);
  const customerId = organization.stripeCustomerId;
  if (!customerId) {
    throw new AppError('billing_not_set_up', 'This organization has no billing account yet; choose a plan first.');
  }
  const session = await callStripe('open the billing portal', (stripe) =>
    stripe.billingPortal.sessions.create({ customer: customerId, return_url: billingPageUrl(organization.slug) }),
  );
  await asSystem((tx) =>
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
