import 'server-only';
import { recordAuditEvent } from '@/lib/audit/record-audit-event';
import { AppError } from '@/lib/http/app-error';
import type { TenantScope } from '@/lib/tenancy/tenant-scope';
import { billingPageUrl } from './checkout';
import { assertBillingEnabled, callStripe } from './stripe-client';

/**
 * A Stripe Customer Portal session for the organization (change plan, cancel,
 * update the card, invoices), returning to the billing page. Owners and admins
 * only (the route checks the role). The Stripe call runs inside the tenant
 * transaction, so the audit event exists only if the portal link does.
 */
export async function openBillingPortal(scope: TenantScope): Promise<{ url: string }> {
  assertBillingEnabled();
  const customerId = scope.organization.stripeCustomerId;
  if (!customerId) {
    throw new AppError('billing_not_set_up', 'This organization has no billing account yet; choose a plan first.');
  }
  const session = await callStripe('open the billing portal', (stripe) =>
    stripe.billingPortal.sessions.create({ customer: customerId, return_url: billingPageUrl(scope.organization.slug) }),
  );
  await recordAuditEvent(
    { tx: scope.tx, caller: scope.caller, organizationId: scope.organization.id },
    { action: 'billing.portal_opened', targetType: 'organization', targetId: scope.organization.id, details: {} },
  );
  return { url: session.url };
}
