import { formatPrice, yearlySavingsPercent } from '@/lib/billing/format-price';
import type { BillingInterval, Plan } from '@/lib/billing/plans';

export interface PlanCardProps {
  plan: Plan;
  interval: BillingInterval;
  /** A label above the name: "Most popular", "Current plan". */
  badge?: React.ReactNode;
  /** Draws the card with the brand colour, for the plan to look at first. */
  emphasized?: boolean;
  headingLevel?: 'h2' | 'h3';
  /** The call to action at the bottom: a link, a form, or a note. */
  action?: React.ReactNode;
  /** Under the action, for an error message of its form. */
  children?: React.ReactNode;
}

/**
 * One plan as the pricing page and the dashboard's billing page show it: price
 * for the chosen interval, limits and paid features, all read from
 * lib/billing/plans.ts so what is shown is what the API enforces.
 */
export function PlanCard({ plan, interval, badge, emphasized = false, headingLevel: Heading = 'h3', action, children }: PlanCardProps) {
  const headingId = `plan-${plan.id}-name`;
  return (
    <section
      aria-labelledby={headingId}
      className={`flex flex-col rounded-xl border bg-white dark:bg-slate-900 p-6 shadow-sm ${emphasized ? 'border-brand-600 dark:border-brand-400 ring-1 ring-brand-600 dark:ring-brand-400' : 'border-slate-200 dark:border-slate-800'}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Heading id={headingId} className="text-lg font-semibold text-slate-900 dark:text-slate-100">
          {plan.name}
        </Heading>
        {badge}
      </div>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{plan.description}</p>
      <PlanPrice plan={plan} interval={interval} />
      <ul className="mt-6 space-y-3 text-sm text-slate-700 dark:text-slate-300">
        {planInclusions(plan).map((inclusion) => (
          <li key={inclusion.label} className="flex gap-3">
            {inclusion.included ? <CheckIcon /> : <CrossIcon />}
            <span className={inclusion.included ? '' : 'text-slate-500 dark:text-slate-400'}>
              {!inclusion.included && <span className="sr-only">Not included: </span>}
              {inclusion.label}
            </span>
          </li>
        ))}
      </ul>
      {(action || children) && (
        <div className="mt-auto space-y-3 pt-8">
          {action}
          {children}
        </div>
      )}
    </section>
  );
}

function PlanPrice({ plan, interval }: { plan: Plan; interval: BillingInterval }) {
  const price = plan.prices?.[interval];
  if (!price) {
    return (
      <p className="mt-6 flex items-baseline gap-1">
        <span className="text-4xl font-bold tracking-tight text-slate-900 dark:text-slate-100">{formatPrice(0)}</span>
        <span className="text-sm text-slate-600 dark:text-slate-400">forever</span>
      </p>
    );
  }
  const savings = interval === 'year' ? yearlySavingsPercent(plan) : 0;
  return (
    <div className="mt-6">
      <p className="flex items-baseline gap-1">
        <span className="text-4xl font-bold tracking-tight text-slate-900 dark:text-slate-100">{formatPrice(price.unitAmount)}</span>
        <span className="text-sm text-slate-600 dark:text-slate-400">per {interval === 'year' ? 'year' : 'month'}</span>
      </p>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        {interval === 'year'
          ? `${formatPrice(Math.round(price.unitAmount / 12))} a month, billed yearly${savings > 0 ? ` (save ${savings}%)` : ''}`
          : 'Billed monthly, cancel any time'}
      </p>
    </div>
  );
}

/** What a plan includes, from its limits and features (not free text, so it cannot drift from what is enforced). */
export function planInclusions(plan: Plan): { label: string; included: boolean }[] {
  const limit = (value: number | null, noun: string) => (value === null ? `Unlimited ${noun}` : `Up to ${value} ${noun}`);
  return [
    { label: limit(plan.limits.projects, 'projects'), included: true },
    { label: limit(plan.limits.members, 'members'), included: true },
    { label: 'Audit log', included: plan.features.auditLog },
  ];
}

function CheckIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0 text-brand-600 dark:text-brand-400">
      <path
        fillRule="evenodd"
        d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.58l7.3-7.3a1 1 0 0 1 1.4 0Z"
        clipRule="evenodd"
      />
    </svg>
  );
}

function CrossIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0 text-slate-400 dark:text-slate-500">
      <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
    </svg>
  );
}
