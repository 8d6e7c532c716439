'use server';

import { redirect } from 'next/navigation';
import type { FormState } from '@/lib/http/form-state';
import { withCallerAction } from '@/lib/auth/action-access';
import { openBillingPortal } from '@/lib/billing/billing-portal';
import { startCheckoutInput } from '@/lib/billing/billing-session-schema';
import { startCheckout } from '@/lib/billing/checkout';

/** "Upgrade": a Stripe Checkout for the plan and interval of the card's form; owners and admins only (startCheckout checks). */
export async function startCheckoutAction(slug: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await withCallerAction(
    formData,
    {
      returnTo: `/dashboard/${slug}/billing`,
      input: startCheckoutInput,
      read: (form) => ({ plan: form.get('plan'), interval: form.get('interval') ?? undefined }),
      rateLimit: 'billing.sessions',
    },
    // 409 subscription_exists, 503 billing_unavailable, 403 for a member: shown in the card.
    (caller, input) => startCheckout(caller, slug, input),
  );
  if (!outcome.ok) return outcome;
  // Checkout is on Stripe's origin.
  redirect(outcome.result.url);
}

/** "Manage billing": a Customer Portal session (change plan, cancel, card, invoices); owners and admins only. */
export async function openBillingPortalAction(slug: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const outcome = await withCallerAction(formData, { returnTo: `/dashboard/${slug}/billing`, rateLimit: 'billing.sessions' }, (caller) =>
    openBillingPortal(caller, slug),
  );
  if (!outcome.ok) return outcome;
  redirect(outcome.result.url);
}
