'use server';

import { redirect } from 'next/navigation';
import { toFormState, type FormState } from '@/lib/http/form-state';
import { requireCaller } from '@/lib/auth/page-access';
import { openBillingPortal } from '@/lib/billing/billing-portal';
import { startCheckout, startCheckoutInput } from '@/lib/billing/checkout';
import { limitServerAction } from '@/lib/rate-limit/server-action-limits';

/** "Upgrade": a Stripe Checkout for the plan and interval of the card's form; owners and admins only (startCheckout checks). */
export async function startCheckoutAction(slug: string, _previous: FormState | null, formData: FormData): Promise<FormState> {
  const caller = await requireCaller(`/dashboard/${slug}/billing`);
  let url: string;
  try {
    await limitServerAction('billing.sessions', caller);
    const input = startCheckoutInput.parse({ plan: formData.get('plan'), interval: formData.get('interval') ?? undefined });
    ({ url } = await startCheckout(caller, slug, input));
  } catch (error) {
    // 409 subscription_exists, 503 billing_unavailable, 403 for a member: shown in the card.
    return toFormState(error);
  }
  // Outside the try: redirect() throws, and Checkout is on Stripe's origin.
  redirect(url);
}

/** "Manage billing": a Customer Portal session (change plan, cancel, card, invoices); owners and admins only. */
export async function openBillingPortalAction(slug: string): Promise<FormState> {
  const caller = await requireCaller(`/dashboard/${slug}/billing`);
  let url: string;
  try {
    await limitServerAction('billing.sessions', caller);
    ({ url } = await openBillingPortal(caller, slug));
  } catch (error) {
    return toFormState(error);
  }
  redirect(url);
}
