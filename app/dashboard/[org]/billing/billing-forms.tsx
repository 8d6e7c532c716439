'use client';

import { useActionState } from 'react';
import { Button } from '@/app/_components/ui/button';
import type { ButtonVariant } from '@/app/_components/ui/button-styles';
import { FormMessage } from '@/app/_components/ui/form-message';
import type { BillingInterval, PaidPlanId } from '@/lib/billing/plans';
import { openBillingPortalAction, startCheckoutAction } from './actions';

export interface UpgradeFormProps {
  slug: string;
  plan: PaidPlanId;
  planName: string;
  interval: BillingInterval;
}

/** "Upgrade to Pro": off to Stripe Checkout, or the reason it cannot go there. */
export function UpgradeForm({ slug, plan, planName, interval }: UpgradeFormProps) {
  const [state, formAction] = useActionState(startCheckoutAction.bind(null, slug), null);
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="plan" value={plan} />
      <input type="hidden" name="interval" value={interval} />
      <Button type="submit" className="w-full" pendingText="Opening checkout…">
        Upgrade to {planName}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}

export interface ManageBillingFormProps {
  slug: string;
  label?: string;
  variant?: ButtonVariant;
  /** As wide as its container (in a plan card) instead of only on phones. */
  fullWidth?: boolean;
}

/** "Manage billing": off to the Stripe Customer Portal, which returns to this page. */
export function ManageBillingForm({ slug, label = 'Manage billing', variant = 'secondary', fullWidth = false }: ManageBillingFormProps) {
  const [state, formAction] = useActionState(openBillingPortalAction.bind(null, slug), null);
  return (
    <form action={formAction} className="space-y-3">
      <Button type="submit" variant={variant} className={fullWidth ? 'w-full' : 'w-full sm:w-auto'} pendingText="Opening billing…">
        {label}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
