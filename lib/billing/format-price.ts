import { CURRENCY, type BillingInterval, type Plan } from './plans';

/**
 * "$19", "$190", "$19.50": an amount in the currency's smallest unit (cents),
 * without decimals when it is a whole number. No `server-only`: the pricing
 * page and the dashboard's plan cards both use it.
 */
export function formatPrice(unitAmount: number, currency: string = CURRENCY): string {
  return new Intl.NumberFormat('en', {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: unitAmount % 100 === 0 ? 0 : 2,
  }).format(unitAmount / 100);
}

/** How much a year costs less than twelve months, in percent (0 when not cheaper or free). */
export function yearlySavingsPercent(plan: Plan): number {
  if (!plan.prices) return 0;
  const twelveMonths = plan.prices.month.unitAmount * 12;
  if (twelveMonths <= 0) return 0;
  return Math.max(0, Math.round(((twelveMonths - plan.prices.year.unitAmount) / twelveMonths) * 100));
}

/** The largest yearly saving of any plan, for "save up to 17%" beside the switch. */
export function bestYearlySavingsPercent(plans: readonly Plan[]): number {
  return Math.max(0, ...plans.map(yearlySavingsPercent));
}

/** The interval from a `?interval=` query value; monthly unless it says `year`. */
export function intervalFromQuery(value: string | string[] | undefined): BillingInterval {
  return value === 'year' ? 'year' : 'month';
}
