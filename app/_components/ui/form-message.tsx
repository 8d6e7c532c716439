import { BillingLink } from './billing-link';
import type { FormState } from '@/lib/http/form-state';

/** Answers (402) that upgrading the plan lifts. */
const PLAN_CODES = new Set(['plan_limit', 'plan_upgrade_required']);

export interface FormMessageProps {
  state: FormState | null | undefined;
  className?: string;
}

/**
 * The form-level result: an error as an alert (read out at once), a success
 * as a status. Renders nothing before the first submit or without a message.
 */
export function FormMessage({ state, className = '' }: FormMessageProps) {
  if (!state?.message) return null;
  if (state.ok) {
    return (
      <p role="status" className={`rounded-lg bg-emerald-50 dark:bg-emerald-950/50 px-3 py-2 text-sm text-emerald-800 dark:text-emerald-200 ${className}`}>
        {state.message}
      </p>
    );
  }
  return (
    <p role="alert" className={`rounded-lg bg-red-50 dark:bg-red-950/50 px-3 py-2 text-sm text-red-800 dark:text-red-200 ${className}`}>
      {state.message}
      {state.code && PLAN_CODES.has(state.code) && (
        <>
          {' '}
          <BillingLink>Go to Billing</BillingLink>
        </>
      )}
    </p>
  );
}
